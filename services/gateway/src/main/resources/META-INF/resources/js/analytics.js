// A generation's analytics (its generation-analytics event, or GET /api/generations/{id}/analytics)
// as the rows and sentences the dashboard's analytics panel shows; no DOM, so node --test runs it.

const ROLE_ORDER = ['UI', 'LOGIC', 'API', 'OPTIMIZATION', 'TESTING'];
const PHASE_ORDER = ['SKELETON', 'FEATURES', 'OPTIMIZE', 'TEST'];

/** One bar per role and model: tokens written, as a fraction of the largest. */
export function usageBars(usage = []) {
  const rows = usage.filter(u => u.tokens > 0 || u.promptTokens > 0)
    .map(u => ({ role: u.role, label: `${u.role} · ${u.model}`, value: u.tokens, promptTokens: u.promptTokens }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || b.value - a.value);
  return withFractions(rows);
}

/** One bar per phase that ran, in the phases' order: its wall time. */
export function phaseBars(phaseMillis = {}) {
  const rows = Object.entries(phaseMillis)
    .sort(([a], [b]) => PHASE_ORDER.indexOf(a) - PHASE_ORDER.indexOf(b))
    .map(([phase, millis]) => ({ label: phase, value: millis }));
  return withFractions(rows);
}

function withFractions(rows) {
  const max = Math.max(0, ...rows.map(r => r.value));
  return rows.map(r => ({ ...r, fraction: max > 0 ? r.value / max : 0 }));
}

/** "850 ms", "12.3 s", "2 min 5 s". */
export function duration(millis) {
  if (millis == null || millis < 0) return '–';
  if (millis < 1000) return `${Math.round(millis)} ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(1)} s`;
  const seconds = Math.round(millis / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The figures beside the charts, one short sentence each. */
export function facts(a) {
  const tokens = (a.usage ?? []).reduce((sum, u) => sum + u.tokens, 0);
  const prompt = (a.usage ?? []).reduce((sum, u) => sum + u.promptTokens, 0);
  const list = [
    `${tokens} tokens written, ${prompt} sent in prompts`,
    `total ${duration(a.totalMillis)}, first token after ${duration(a.timeToFirstTokenMillis)}`,
    `estimated cost ${a.estimatedCost > 0 ? a.estimatedCost.toFixed(4) : '0'} ${a.currency ?? ''}`.trim(),
    `${a.conflicts} conflicts, ${a.retries} retries, ${a.modelChanges} model changes`,
    `${a.cacheHits} answers from the cache, ${a.promptTokensSaved} prompt tokens saved by trimming`,
  ];
  return list;
}

/** A model-changed event's payload as one line for its agent's timeline. */
export function describeModelChange(payload) {
  const c = payload.change ?? {};
  const scope = payload.taskId ? payload.taskId : 'later tasks';
  const from = c.fromModel ? `${c.fromModel} → ` : '';
  return `${scope}: ${from}${c.toModel} (${String(c.cause ?? 'OTHER').toLowerCase()}${c.reason ? `: ${c.reason}` : ''})`;
}
