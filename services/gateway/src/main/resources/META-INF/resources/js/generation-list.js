// Running and recent generations, whoever started them: the gateway's list (GET /api/generations)
// kept up to date by the firehose's generation-started, phase-changed, rolled-back and end events.
export const LIST_TYPES = ['generation-started', 'phase-changed', 'rolled-back', 'generation-completed', 'generation-failed'];
export const PROMPT_CHARS = 200;

const later = (a, b) => (Date.parse(a ?? '') || 0) >= (Date.parse(b ?? '') || 0);

export class GenerationList {
  constructor(limit = 50) {
    this.limit = limit;
    this.entries = new Map();
  }

  /** Takes the gateway's answer; an entry the firehose updated since stays as it is. */
  load(summaries) {
    for (const summary of summaries) {
      const known = this.entries.get(summary.generationId);
      if (!known || later(summary.updatedAt, known.updatedAt)) this.entries.set(summary.generationId, { ...summary });
    }
  }

  /** Takes one firehose event; returns whether the list changed. */
  apply(event) {
    if (!LIST_TYPES.includes(event.type) || !event.generationId) return false;
    const p = event.payload ?? {};
    const entry = this.entries.get(event.generationId) ?? {
      generationId: event.generationId, prompt: null, requestedBy: null, startedAt: event.at,
      state: 'running', phase: null, progress: 0, updatedAt: event.at,
    };
    switch (event.type) {
      case 'generation-started':
        entry.prompt = cut(p.prompt ?? '');
        entry.requestedBy = p.requestedBy ?? null;
        entry.startedAt = p.requestedAt ?? event.at;
        entry.state = 'running';
        break;
      case 'phase-changed':
        entry.phase = p.phase;
        break;
      case 'rolled-back':
        entry.state = 'running';
        entry.phase = p.rerunFrom ?? p.phase ?? entry.phase;
        break;
      case 'generation-completed':
        entry.state = 'completed';
        break;
      case 'generation-failed':
        entry.state = p.cancelled ? 'cancelled' : 'failed';
        entry.phase = p.phase ?? entry.phase;
        break;
    }
    if (typeof event.progress === 'number') entry.progress = event.progress;
    entry.updatedAt = event.at ?? entry.updatedAt;
    this.entries.set(event.generationId, entry);
    return true;
  }

  /** Newest first, at most `limit`. */
  sorted() {
    return [...this.entries.values()]
      .sort((a, b) => (Date.parse(b.startedAt ?? '') || 0) - (Date.parse(a.startedAt ?? '') || 0)
        || a.generationId.localeCompare(b.generationId))
      .slice(0, this.limit);
  }

  get(id) {
    return this.entries.get(id);
  }
}

export function cut(prompt) {
  return prompt.length > PROMPT_CHARS ? prompt.slice(0, PROMPT_CHARS) + '…' : prompt;
}
