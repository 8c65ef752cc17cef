// Entity collections kept in memory. No I/O here.
// Optimised: sorted listings are memoised per collection and invalidated on every write.
export function createStore() {
  return { collections: new Map(), sorted: new Map(), nextId: 1 };
}

function collection(store, entity) {
  if (!store.collections.has(entity)) {
    store.collections.set(entity, new Map());
  }
  return store.collections.get(entity);
}

function changed(store, entity) {
  store.sorted?.delete(entity);
}

export function insert(store, entity, input) {
  const record = { id: store.nextId++, ...validate(entity, input) };
  collection(store, entity).set(record.id, record);
  changed(store, entity);
  return record;
}

export function list(store, entity) {
  store.sorted ??= new Map();
  if (!store.sorted.has(entity)) {
    // ids are handed out in increasing order and Map keeps insertion order: no sort needed
    store.sorted.set(entity, [...collection(store, entity).values()]);
  }
  return [...store.sorted.get(entity)];
}

export function find(store, entity, id) {
  return collection(store, entity).get(Number(id)) ?? null;
}

export function update(store, entity, id, input) {
  const existing = find(store, entity, id);
  if (!existing) return null;
  const record = { ...validate(entity, { ...existing, ...input }), id: existing.id };
  collection(store, entity).set(record.id, record);
  changed(store, entity);
  return record;
}

export function remove(store, entity, id) {
  const removed = collection(store, entity).delete(Number(id));
  changed(store, entity);
  return removed;
}
