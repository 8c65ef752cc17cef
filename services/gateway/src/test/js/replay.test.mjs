import { test } from 'node:test';
import assert from 'node:assert/strict';
import { js } from './dashboard.mjs';

const { Replayer, gapMillis, MAX_GAP_MS } = await import(js('replay.js'));

const at = ms => new Date(Date.UTC(2026, 11, 1, 10, 0, 0) + ms).toISOString();

/** A clock that runs the replayer's timers in order, recording the waits it asked for. */
function fakeClock() {
  const timers = [];
  let now = 0;
  return {
    waits: [],
    schedule(f, ms) { this.waits.push(ms); timers.push({ f, due: now + ms }); return timers.length; },
    cancel() { timers.length = 0; },
    run() {
      while (timers.length) {
        timers.sort((a, b) => a.due - b.due);
        const { f, due } = timers.shift();
        now = due;
        f();
      }
      return now;
    },
  };
}

test('the gap between two events is divided by the speed, cut to a maximum, and nothing flat out', () => {
  assert.equal(gapMillis(at(0), at(1000), 1), 1000);
  assert.equal(gapMillis(at(0), at(1000), 10), 100);
  assert.equal(gapMillis(at(0), at(60_000), 1), MAX_GAP_MS);
  assert.equal(gapMillis(at(0), at(1000), 0), 0);
  assert.equal(gapMillis(at(1000), at(0), 1), 0);
});

test('at 10× a generation of 10 s plays in about 1 s, in order', () => {
  const clock = fakeClock();
  const seen = [];
  let finished = null;
  const replayer = new Replayer({ speed: 10, deliver: e => seen.push(e.n), schedule: (f, ms) => clock.schedule(f, ms),
    cancel: () => clock.cancel(), onProgress: p => { if (p.done) finished = p; } });
  for (let i = 0; i <= 10; i++) replayer.push({ n: i, at: at(i * 1000) });
  replayer.end();
  const took = clock.run();
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(took, 1000);
  assert.deepEqual(finished, { delivered: 11, received: 11, done: true });
});

test('flat out delivers everything without waiting; a stop drops what is left', () => {
  const clock = fakeClock();
  const seen = [];
  const replayer = new Replayer({ speed: 0, deliver: e => seen.push(e.n), schedule: (f, ms) => clock.schedule(f, ms), cancel: () => clock.cancel() });
  for (let i = 0; i < 500; i++) replayer.push({ n: i, at: at(i * 1000) });
  replayer.end();
  assert.equal(clock.run(), 0);
  assert.equal(seen.length, 500);

  const stopped = [];
  const slow = new Replayer({ speed: 1, deliver: e => { stopped.push(e.n); if (e.n === 1) slow.stop(); },
    schedule: (f, ms) => clock.schedule(f, ms), cancel: () => clock.cancel() });
  for (let i = 0; i < 5; i++) slow.push({ n: i, at: at(i * 1000) });
  clock.run();
  assert.deepEqual(stopped, [0, 1]);
});
