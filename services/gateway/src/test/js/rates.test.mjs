import { test } from 'node:test';
import assert from 'node:assert/strict';
import { js } from './dashboard.mjs';

const { RateSeries, MIN_TOKENS } = await import(js('rates.js'));

const at = s => new Date(Date.UTC(2026, 11, 1, 10, 0, s)).toISOString();
const status = (s, taskId, role, state, tokens, tokensPerSecond) =>
  ({ type: 'task-state-changed', at: at(s), payload: { taskId, role, state, tokens, tokensPerSecond } });

test('a rate measured on one token (an agent\'s first status) is not charted', () => {
  const series = new RateSeries();
  series.report(status(0, 'skeleton-api', 'API', 'STARTED', 0, 0));
  series.report(status(1, 'skeleton-api', 'API', 'STREAMING', 1, 3131.9));
  series.report(status(2, 'skeleton-api', 'API', 'STREAMING', 150, 149.2));
  series.report(status(3, 'skeleton-api', 'API', 'STREAMING', 300, 150.4));
  assert.ok(MIN_TOKENS > 1);
  assert.equal(series.max(), 150.4);
  assert.equal(series.latest('API'), 150.4);
});

test('events bunched at one instant chart the reported rates, not events per second', () => {
  const series = new RateSeries();
  for (let i = 1; i <= 20; i++) series.report(status(5, 'features-ui', 'UI', 'STREAMING', i * 10, 148));
  assert.equal(series.max(), 148);
  assert.equal(series.of('UI').length, 1);
});

test('a role sums its streaming tasks; an ended or paused task drops out', () => {
  const series = new RateSeries();
  series.report(status(0, 'a', 'LOGIC', 'STREAMING', 50, 100));
  series.report(status(1, 'b', 'LOGIC', 'STREAMING', 50, 120));
  assert.equal(series.latest('LOGIC'), 220);
  series.report(status(2, 'a', 'LOGIC', 'DONE', 400, 101));
  assert.equal(series.latest('LOGIC'), 120);
  series.report(status(3, 'b', 'LOGIC', 'PAUSED', 300, 118));
  assert.equal(series.latest('LOGIC'), 0);
  assert.equal(series.max(), 220);
});

test('each role has its own line over the events\' time', () => {
  const series = new RateSeries();
  series.report(status(0, 'u', 'UI', 'STREAMING', 10, 150));
  series.report(status(4, 'p', 'API', 'STREAMING', 10, 140));
  assert.deepEqual(series.roles().sort(), ['API', 'UI']);
  assert.deepEqual(series.span(), [Date.parse(at(0)), Date.parse(at(4))]);
});
