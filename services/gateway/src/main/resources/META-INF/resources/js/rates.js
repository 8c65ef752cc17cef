// Tokens per second per agent, from what the agents report (task-state-changed: each task's own
// tokens / seconds since its first token), never derived from event times or counts: the
// coordinator writes events in bursts, and a coalescing client gets them bunched, so dividing by
// their timestamps would invent spikes. A role's value is the sum of the latest rates of its
// tasks that are streaming (a task that ends, pauses or waits drops out).
//
// A rate reported on fewer than MIN_TOKENS tokens is not used: an agent's first STREAMING status
// comes right at its first token and divides that one token by the microseconds since it arrived
// (e.g. "tokens": 1, "tokensPerSecond": 3131.9 in a recorded run streaming at 300), which used to
// put a spike of thousands at the start of every task and flatten the rest of the chart.
export const MIN_TOKENS = 5;
const WINDOW_MS = 5 * 60 * 1000;

export class RateSeries {
  constructor({ minTokens = MIN_TOKENS, windowMs = WINDOW_MS } = {}) {
    this.minTokens = minTokens;
    this.windowMs = windowMs;
    this.reset();
  }

  reset() {
    this.tasks = new Map();   // taskId → { role, rate, streaming }
    this.points = new Map();  // role → [{ t, v }]
  }

  /** Takes one task-state-changed event; returns whether the series changed. */
  report(event) {
    const p = event.payload ?? {};
    const t = Date.parse(event.at);
    if (!p.role || !p.taskId || Number.isNaN(t)) return false;
    const task = this.tasks.get(p.taskId) ?? { role: p.role, rate: 0, streaming: false };
    task.role = p.role;
    task.streaming = p.state === 'STREAMING';
    if (task.streaming && p.tokens >= this.minTokens && Number.isFinite(p.tokensPerSecond)) task.rate = p.tokensPerSecond;
    if (p.state === 'STARTED') task.rate = 0; // a new attempt starts counting again
    this.tasks.set(p.taskId, task);
    let v = 0;
    for (const other of this.tasks.values()) if (other.role === p.role && other.streaming) v += other.rate;
    const points = this.points.get(p.role) ?? [];
    const last = points[points.length - 1];
    if (last && last.v === v && t >= last.t) return false;
    points.push({ t: Math.max(t, last?.t ?? t), v });
    while (points.length > 2 && points[1].t < t - this.windowMs) points.shift();
    this.points.set(p.role, points);
    return true;
  }

  roles() {
    return [...this.points.keys()];
  }

  /** The role's points, oldest first. */
  of(role) {
    return this.points.get(role) ?? [];
  }

  latest(role) {
    const points = this.of(role);
    return points.length ? points[points.length - 1].v : 0;
  }

  /** The highest value charted (what the y axis must reach). */
  max() {
    let max = 0;
    for (const points of this.points.values()) for (const { v } of points) max = Math.max(max, v);
    return max;
  }

  /** [first, last] time over every role. */
  span() {
    let first = Infinity;
    let last = -Infinity;
    for (const points of this.points.values()) {
      if (!points.length) continue;
      first = Math.min(first, points[0].t);
      last = Math.max(last, points[points.length - 1].t);
    }
    return first === Infinity ? null : [first, last];
  }
}
