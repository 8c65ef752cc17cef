import { test } from 'node:test';
import assert from 'node:assert/strict';
import { js } from './dashboard.mjs';

const { buildTree } = await import(js('file-tree.js'));

test('paths become folders before files, each sorted by name', () => {
  const tree = buildTree(['server.js', 'public/app.js', 'test/api.test.js', 'public/css/site.css', 'package.json', 'public/index.html']);
  assert.deepEqual(tree.folders.map(f => f.name), ['public', 'test']);
  assert.deepEqual(tree.files, ['package.json', 'server.js']);
  const pub = tree.folders[0];
  assert.equal(pub.path, 'public');
  assert.deepEqual(pub.folders.map(f => f.path), ['public/css']);
  assert.deepEqual(pub.files, ['public/app.js', 'public/index.html']);
  assert.deepEqual(pub.folders[0].files, ['public/css/site.css']);
});
