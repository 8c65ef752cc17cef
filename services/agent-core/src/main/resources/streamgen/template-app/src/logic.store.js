// Entity collections kept in memory. No I/O here.
export function createStore() {
  return { collections: new Map(), nextId: 1 };
}

function collection(store, entity) {
  if (!store.collections.has(entity)) {
    store.collections.set(entity, new Map());
  }
  return store.collections.get(entity);
}

export function insert(store, entity, input) {
  const record = { id: store.nextId++, ...validate(entity, input) };
  collection(store, entity).set(record.id, record);
  return record;
}

export function list(store, entity) {
  return [...collection(store, entity).values()].sort((a, b) => a.id - b.id);
}

export function find(store, entity, id) {
  return collection(store, entity).get(Number(id)) ?? null;
}

export function update(store, entity, id, input) {
  const existing = find(store, entity, id);
  if (!existing) return null;
  const record = { ...validate(entity, { ...existing, ...input }), id: existing.id };
  collection(store, entity).set(record.id, record);
  return record;
}

export function remove(store, entity, id) {
  return collection(store, entity).delete(Number(id));
}
