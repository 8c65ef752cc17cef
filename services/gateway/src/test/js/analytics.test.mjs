import { test } from 'node:test';
import assert from 'node:assert/strict';
import { js } from './dashboard.mjs';

const { usageBars, phaseBars, duration, facts, describeModelChange } = await import(js('analytics.js'));

const usage = [
  { role: 'API', model: 'template', tokens: 300, chunks: 10, promptTokens: 0, estimatedCost: 0 },
  { role: 'UI', model: 'openai:fast', tokens: 150, chunks: 4, promptTokens: 900, estimatedCost: 0.01 },
  { role: 'UI', model: 'ollama:big', tokens: 600, chunks: 20, promptTokens: 800, estimatedCost: 0 },
  { role: 'LOGIC', model: 'template', tokens: 0, chunks: 0, promptTokens: 0, estimatedCost: 0 },
];

test('usage bars go by role, then the busiest model first, scaled to the largest; unused pairs are left out', () => {
  const bars = usageBars(usage);
  assert.deepEqual(bars.map(b => [b.label, b.value, b.fraction]),
    [['UI · ollama:big', 600, 1], ['UI · openai:fast', 150, 0.25], ['API · template', 300, 0.5]]);
});

test('phase bars keep the phases\' order whatever the map\'s', () => {
  const bars = phaseBars({ TEST: 500, SKELETON: 1000, FEATURES: 2000 });
  assert.deepEqual(bars.map(b => [b.label, b.fraction]), [['SKELETON', 0.5], ['FEATURES', 1], ['TEST', 0.25]]);
  assert.deepEqual(phaseBars({}), []);
});

test('durations read as people say them', () => {
  assert.equal(duration(850), '850 ms');
  assert.equal(duration(12_340), '12.3 s');
  assert.equal(duration(125_000), '2 min 5 s');
  assert.equal(duration(-1), '–');
});

test('the facts sum the usage and say the counters', () => {
  const said = facts({ usage, totalMillis: 4200, timeToFirstTokenMillis: 300, estimatedCost: 0.0123, currency: 'USD',
    conflicts: 1, retries: 2, modelChanges: 3, cacheHits: 1, promptTokensSaved: 700 });
  assert.deepEqual(said, ['1050 tokens written, 1700 sent in prompts', 'total 4.2 s, first token after 300 ms',
    'estimated cost 0.0123 USD', '1 conflicts, 2 retries, 3 model changes',
    '1 answers from the cache, 700 prompt tokens saved by trimming']);
});

test('a model change names its task, or the later tasks of its role', () => {
  assert.equal(describeModelChange({ role: 'UI', taskId: null, change: { fromModel: 'ollama:big', toModel: 'openai:fast',
    cause: 'SLOW', reason: 'ui: 12 tokens/s < floor 40 for 10 s' } }),
  'later tasks: ollama:big → openai:fast (slow: ui: 12 tokens/s < floor 40 for 10 s)');
  assert.equal(describeModelChange({ role: 'API', taskId: 'skeleton-api', change: { fromModel: '', toModel: 'b',
    cause: 'FAILOVER', reason: '' } }), 'skeleton-api: b (failover)');
});
