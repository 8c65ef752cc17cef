import { test } from 'node:test';
import assert from 'node:assert/strict';
import { js } from './dashboard.mjs';

const { GenerationList, PROMPT_CHARS } = await import(js('generation-list.js'));

const event = (type, id, s, payload = {}) =>
  ({ type, generationId: id, at: new Date(Date.UTC(2026, 11, 1, 10, 0, s)).toISOString(), progress: 0.5, payload });

test('the gateway\'s list is shown newest first and the firehose keeps it up to date', () => {
  const list = new GenerationList();
  list.load([
    { generationId: 'old', prompt: 'a chat app', state: 'completed', startedAt: '2026-12-01T09:00:00Z', updatedAt: '2026-12-01T09:05:00Z' },
    { generationId: 'run', prompt: 'a todo app', state: 'running', startedAt: '2026-12-01T09:30:00Z', updatedAt: '2026-12-01T09:31:00Z' },
  ]);
  assert.ok(list.apply(event('generation-started', 'new', 0, { prompt: 'x'.repeat(300), requestedBy: 'cli', requestedAt: '2026-12-01T10:00:00Z' })));
  assert.ok(list.apply(event('phase-changed', 'run', 1, { phase: 'FEATURES', state: 'STARTED' })));
  assert.ok(list.apply(event('generation-failed', 'run', 2, { cancelled: true, phase: 'FEATURES' })));
  assert.equal(list.apply(event('draft-chunk', 'run', 3)), false);

  const sorted = list.sorted();
  assert.deepEqual(sorted.map(g => g.generationId), ['new', 'run', 'old']);
  assert.equal(sorted[0].prompt.length, PROMPT_CHARS + 1);
  assert.equal(sorted[0].requestedBy, 'cli');
  assert.equal(sorted[1].state, 'cancelled');
  assert.equal(sorted[1].phase, 'FEATURES');
});

test('an answer older than what the firehose said does not undo it; a rollback runs it again', () => {
  const list = new GenerationList();
  list.apply(event('generation-completed', 'g', 10));
  list.load([{ generationId: 'g', prompt: 'p', state: 'running', startedAt: '2026-12-01T09:00:00Z', updatedAt: '2026-12-01T10:00:05Z' }]);
  assert.equal(list.get('g').state, 'completed');
  list.apply(event('rolled-back', 'g', 11, { checkpointId: 1, phase: 'SKELETON', rerunFrom: 'FEATURES' }));
  assert.equal(list.get('g').state, 'running');
  assert.equal(list.get('g').phase, 'FEATURES');
});

test('at most `limit` are listed', () => {
  const list = new GenerationList(3);
  for (let i = 0; i < 5; i++) list.apply(event('generation-started', `g${i}`, i, { prompt: 'p', requestedAt: event('', '', i).at }));
  assert.deepEqual(list.sorted().map(g => g.generationId), ['g4', 'g3', 'g2']);
});
