// Todos with tags, kept in memory. Business rules only: no I/O here.
function badRequest(message) {
  const error = new Error(message);
  error.status = 400;
  return error;
}

function normalizeTag(tag) {
  if (typeof tag !== 'string') throw badRequest('tags must be strings');
  const clean = tag.trim().toLowerCase();
  if (clean === '') throw badRequest('tags must not be empty');
  return clean;
}

function validateTodo(input, existing = {}) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw badRequest('a todo must be a JSON object');
  }
  const merged = { ...existing, ...input };
  const title = typeof merged.title === 'string' ? merged.title.trim() : '';
  if (title === '') throw badRequest('title is required');
  const done = merged.done ?? false;
  if (typeof done !== 'boolean') throw badRequest('done must be true or false');
  const tags = merged.tags ?? [];
  if (!Array.isArray(tags)) throw badRequest('tags must be an array of strings');
  return { title, done, tags: [...new Set(tags.map(normalizeTag))] };
}

export { badRequest, normalizeTag, validateTodo };
// A tag index (tag -> ids of its todos) is kept in step with every write,
// so filtering by tag reads the index instead of scanning every todo.
export function createStore() {
  return { todos: new Map(), byTag: new Map(), nextId: 1 };
}

function indexTodo(store, todo) {
  for (const tag of todo.tags) {
    if (!store.byTag.has(tag)) store.byTag.set(tag, new Set());
    store.byTag.get(tag).add(todo.id);
  }
}

function unindexTodo(store, todo) {
  for (const tag of todo.tags) {
    const ids = store.byTag.get(tag);
    ids.delete(todo.id);
    if (ids.size === 0) store.byTag.delete(tag);
  }
}
export const listTodos = (store, { tag } = {}) => {
  if (tag === undefined || tag === null || tag === '') return [...store.todos.values()];
  const ids = store.byTag.get(normalizeTag(tag));
  if (!ids) return [];
  return [...ids].sort((a, b) => a - b).map((id) => store.todos.get(id));
};

export function createTodo(store, input) {
  const todo = { id: store.nextId++, ...validateTodo(input) };
  store.todos.set(todo.id, todo);
  indexTodo(store, todo);
  return todo;
}

export function getTodo(store, id) {
  return store.todos.get(Number(id)) ?? null;
}

export function updateTodo(store, id, input) {
  const existing = getTodo(store, id);
  if (!existing) return null;
  const todo = { id: existing.id, ...validateTodo(input, existing) };
  unindexTodo(store, existing);
  store.todos.set(todo.id, todo);
  indexTodo(store, todo);
  return todo;
}

export function deleteTodo(store, id) {
  const existing = getTodo(store, id);
  if (!existing) return false;
  unindexTodo(store, existing);
  return store.todos.delete(existing.id);
}
export function listTags(store) {
  const counts = new Map();
  for (const todo of store.todos.values()) {
    for (const tag of todo.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => ({ name, count }));
}
