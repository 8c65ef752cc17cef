import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../server/app.js';
let server;
let base;

before(async () => {
  server = createApp();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}
test('POST /api/todos creates a todo and GET lists it', async () => {
  const created = await call('POST', '/api/todos', { title: 'Buy milk', tags: ['Home'] });
  assert.equal(created.status, 201);
  assert.equal(typeof created.body.id, 'number');
  assert.deepEqual(created.body.tags, ['home']);
  const list = await call('GET', '/api/todos');
  assert.equal(list.status, 200);
  assert.ok(list.body.some((todo) => todo.id === created.body.id));
});

test('GET /api/todos?tag= filters by tag', async () => {
  await call('POST', '/api/todos', { title: 'Send invoice', tags: ['work'] });
  await call('POST', '/api/todos', { title: 'Water plants', tags: ['home'] });
  const work = await call('GET', '/api/todos?tag=work');
  assert.equal(work.status, 200);
  assert.ok(work.body.length > 0);
  assert.ok(work.body.every((todo) => todo.tags.includes('work')));
});

test('GET, PUT and DELETE /api/todos/:id', async () => {
  const { body: todo } = await call('POST', '/api/todos', { title: 'Fix bike' });
  assert.deepEqual((await call('GET', `/api/todos/${todo.id}`)).body, todo);
  const updated = await call('PUT', `/api/todos/${todo.id}`, { done: true });
  assert.equal(updated.status, 200);
  assert.equal(updated.body.done, true);
  assert.equal((await call('DELETE', `/api/todos/${todo.id}`)).status, 204);
  assert.equal((await call('GET', `/api/todos/${todo.id}`)).status, 404);
  assert.equal((await call('PUT', `/api/todos/${todo.id}`, { done: false })).status, 404);
  assert.equal((await call('DELETE', `/api/todos/${todo.id}`)).status, 404);
});

test('invalid input is answered with 400 and an error', async () => {
  const missing = await call('POST', '/api/todos', { tags: ['x'] });
  assert.equal(missing.status, 400);
  assert.equal(typeof missing.body.error, 'string');
  const response = await fetch(`${base}/api/todos`, { method: 'POST', body: '{not json' });
  assert.equal(response.status, 400);
});

test('GET /api/tags counts todos per tag', async () => {
  await call('POST', '/api/todos', { title: 'Only one with this tag', tags: ['zz-tag'] });
  const tags = await call('GET', '/api/tags');
  assert.equal(tags.status, 200);
  assert.deepEqual(tags.body.find((tag) => tag.name === 'zz-tag'), { name: 'zz-tag', count: 1 });
});
test('serves the UI from public/', async () => {
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<script type="module" src="\/app.js"><\/script>/);
  const styles = await fetch(`${base}/styles.css`);
  assert.match(styles.headers.get('content-type'), /text\/css/);
  await styles.text();
  assert.equal((await call('GET', '/api/nothing')).status, 404);
});
