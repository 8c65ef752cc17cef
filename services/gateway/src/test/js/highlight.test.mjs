import { test } from 'node:test';
import assert from 'node:assert/strict';
import { js } from './dashboard.mjs';

const { tokens } = await import(js('highlight.js'));
const { niceCeiling } = await import(js('chart.js'));

test('highlighted pieces join to the code, markup included as text', () => {
  const code = 'const x = "<img src=x onerror=alert(1)>"; // <b>\n<div class="a">1</div>';
  const pieces = tokens(code);
  assert.equal(pieces.map(([, text]) => text).join(''), code);
  assert.deepEqual(pieces.filter(([cls]) => cls).map(([cls]) => cls), ['kw', 'str', 'com', 'tag', 'kw', 'str', 'num', 'tag']);
});

test('the chart\'s top is a round number at or above the highest rate', () => {
  assert.equal(niceCeiling(3), 10);
  assert.equal(niceCeiling(150.4), 200);
  assert.equal(niceCeiling(301), 400);
  assert.equal(niceCeiling(1000), 1000);
});
