// Plays a finished generation's events again through the dashboard's panes, paced by the events'
// own timestamps: at 1× as they happened, at 10× ten times faster, or flat out. The stream from
// the gateway delivers history at once; this queue lets it out on time. A long quiet stretch (a
// paused generation, a model that thought for minutes) is cut to MAX_GAP_MS of waiting.
export const MAX_GAP_MS = 2000;
const BATCH = 200;

/** How long to wait before an event stamped `at` that follows one stamped `previousAt`. */
export function gapMillis(previousAt, at, speed, maxGapMs = MAX_GAP_MS) {
  if (!(speed > 0)) return 0;
  const gap = (Date.parse(at) - Date.parse(previousAt)) / speed;
  return Number.isFinite(gap) ? Math.min(Math.max(0, gap), maxGapMs) : 0;
}

export class Replayer {
  /**
   * @param speed 1, 10 … or 0 for flat out
   * @param deliver called with each event, in order
   * @param onProgress called with { delivered, received, done } whenever that changes
   */
  constructor({ speed, deliver, onProgress = () => {}, schedule = (f, ms) => setTimeout(f, ms), cancel = clearTimeout }) {
    this.speed = speed;
    this.deliver = deliver;
    this.onProgress = onProgress;
    this.schedule = schedule;
    this.cancel = cancel;
    this.queue = [];
    this.delivered = 0;
    this.received = 0;
    this.ended = false;
    this.stopped = false;
    this.timer = null;
    this.previousAt = null;
  }

  push(event) {
    if (this.stopped) return;
    this.queue.push(event);
    this.received++;
    this.pump();
  }

  /** No more events will come. */
  end() {
    this.ended = true;
    this.pump();
  }

  stop() {
    this.stopped = true;
    this.queue = [];
    if (this.timer !== null) this.cancel(this.timer);
    this.timer = null;
  }

  get done() {
    return this.ended && this.queue.length === 0 && this.timer === null;
  }

  pump() {
    if (this.stopped || this.timer !== null) return;
    if (this.queue.length === 0) {
      this.report();
      return;
    }
    const wait = this.previousAt === null ? 0 : gapMillis(this.previousAt, this.queue[0].at, this.speed);
    this.timer = this.schedule(() => this.tick(), wait);
  }

  tick() {
    this.timer = null;
    if (this.stopped) return;
    let delivered = 0;
    do { // what is due at once goes out together, in batches so that the page stays responsive
      const event = this.queue.shift();
      if (event.at) this.previousAt = event.at;
      this.delivered++;
      delivered++;
      this.deliver(event);
    } while (!this.stopped && this.queue.length && delivered < BATCH
      && gapMillis(this.previousAt, this.queue[0].at, this.speed) === 0);
    this.report();
    this.pump();
  }

  report() {
    this.onProgress({ delivered: this.delivered, received: this.received, done: this.done });
  }
}
