import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { js } from './dashboard.mjs';

const { applyPatch, diffLines, diffStats, PatchError } = await import(js('unified-patch.js'));

test('a modification applies to the text before it', () => {
  const diff = '--- a/server.js\n+++ b/server.js\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n \n';
  assert.equal(applyPatch('a\nb\nc\n', diff), 'a\nB\nc\n');
});

test('an insertion into an empty file and a region diff in the middle of a file apply', () => {
  assert.equal(applyPatch('', '--- a/a.js\n+++ b/a.js\n@@ -1,0 +1,1 @@\n+x\n'), 'x');
  const before = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');
  const diff = '--- a/f.js\n+++ b/f.js\n@@ -5,3 +5,4 @@\n line 5\n line 6\n+inserted\n line 7\n';
  assert.equal(applyPatch(before, diff).split('\n')[6], 'inserted');
});

test('a diff whose context does not match is refused, not half applied', () => {
  assert.throws(() => applyPatch('x\ny\n', '@@ -1,2 +1,2 @@\n a\n-b\n+c\n'), PatchError);
  assert.throws(() => applyPatch('x', '@@ -9,1 +9,1 @@\n-x\n+y\n'), PatchError);
});

test('a removed line that starts with "--" is a line of the hunk, not a header', () => {
  const diff = '--- a/a.sql\n+++ b/a.sql\n@@ -1,2 +1,1 @@\n--- a comment\n select 1;\n';
  assert.equal(applyPatch('-- a comment\nselect 1;', diff), 'select 1;');
  assert.deepEqual(diffLines(diff).map(l => l.kind), ['file', 'file', 'hunk', 'del', 'context']);
  assert.deepEqual(diffStats(diff), { added: 0, removed: 1 });
});

// Cases written by java-diff-utils as the coordinator writes them (DashboardScriptsTest sets PATCH_CASES)
test('every diff the Java side wrote rebuilds its file', { skip: !process.env.PATCH_CASES }, () => {
  const cases = JSON.parse(readFileSync(process.env.PATCH_CASES, 'utf8'));
  assert.ok(cases.length > 100);
  for (const [i, { before, after, diff }] of cases.entries()) {
    assert.equal(applyPatch(before, diff), after, `case ${i}: ${JSON.stringify({ before, after, diff })}`);
  }
});
