import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as logic from '../src/logic.js';
test('createTodo assigns numeric ids and defaults done and tags', () => {
  const store = logic.createStore();
  const first = logic.createTodo(store, { title: '  Buy milk ' });
  const second = logic.createTodo(store, { title: 'Call mum', done: true });
  assert.deepEqual(first, { id: 1, title: 'Buy milk', done: false, tags: [] });
  assert.equal(second.id, 2);
  assert.equal(second.done, true);
  assert.deepEqual(logic.listTodos(store).map((todo) => todo.id), [1, 2]);
});

test('invalid todos are rejected with status 400', () => {
  const store = logic.createStore();
  for (const input of [{}, { title: '   ' }, { title: 'x', done: 'yes' }, { title: 'x', tags: 'work' }, { title: 'x', tags: [''] }, null]) {
    assert.throws(() => logic.createTodo(store, input), (error) => error.status === 400, JSON.stringify(input));
  }
  assert.deepEqual(logic.listTodos(store), []);
});

test('getTodo, updateTodo and deleteTodo work by id', () => {
  const store = logic.createStore();
  const todo = logic.createTodo(store, { title: 'Write report', tags: ['work'] });
  assert.deepEqual(logic.getTodo(store, String(todo.id)), todo);
  const updated = logic.updateTodo(store, todo.id, { done: true });
  assert.deepEqual(updated, { id: todo.id, title: 'Write report', done: true, tags: ['work'] });
  assert.equal(logic.updateTodo(store, 99, { done: true }), null);
  assert.equal(logic.deleteTodo(store, todo.id), true);
  assert.equal(logic.deleteTodo(store, todo.id), false);
  assert.equal(logic.getTodo(store, todo.id), null);
});
test('tags are trimmed, lower-cased and de-duplicated', () => {
  const store = logic.createStore();
  const todo = logic.createTodo(store, { title: 'Plan trip', tags: ['Travel', ' travel ', 'home'] });
  assert.deepEqual(todo.tags, ['travel', 'home']);
});

test('listTodos filters by tag, case-insensitively', () => {
  const store = logic.createStore();
  logic.createTodo(store, { title: 'Pay rent', tags: ['home', 'money'] });
  logic.createTodo(store, { title: 'Send invoice', tags: ['work', 'money'] });
  logic.createTodo(store, { title: 'Fix tap', tags: ['home'] });
  assert.deepEqual(logic.listTodos(store, { tag: 'Money' }).map((todo) => todo.title), ['Pay rent', 'Send invoice']);
  assert.deepEqual(logic.listTodos(store, { tag: 'garden' }), []);
  assert.equal(logic.listTodos(store, { tag: '' }).length, 3);
});

test('the filter follows updates and deletes', () => {
  const store = logic.createStore();
  const a = logic.createTodo(store, { title: 'A', tags: ['x'] });
  const b = logic.createTodo(store, { title: 'B', tags: ['y'] });
  logic.updateTodo(store, a.id, { tags: ['y'] });
  assert.deepEqual(logic.listTodos(store, { tag: 'x' }), []);
  assert.deepEqual(logic.listTodos(store, { tag: 'y' }).map((todo) => todo.id), [a.id, b.id]);
  logic.deleteTodo(store, b.id);
  assert.deepEqual(logic.listTodos(store, { tag: 'y' }).map((todo) => todo.id), [a.id]);
});

test('listTags counts todos per tag, sorted by name', () => {
  const store = logic.createStore();
  logic.createTodo(store, { title: 'One', tags: ['work', 'urgent'] });
  logic.createTodo(store, { title: 'Two', tags: ['work'] });
  assert.deepEqual(logic.listTags(store), [{ name: 'urgent', count: 1 }, { name: 'work', count: 2 }]);
});
