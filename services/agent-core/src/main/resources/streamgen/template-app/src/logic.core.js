// Entity collections kept in memory, validated against their schemas. No I/O here.
export const schemas = {};

export function createStore() {
  return { collections: new Map(), nextId: 1 };
}

export function validate(entity, input) {
  const schema = schemas[entity];
  if (!schema) {
    throw new Error(`unknown entity: ${entity}`);
  }
  const errors = [];
  const value = {};
  for (const [name, field] of Object.entries(schema)) {
    const given = input?.[name];
    if (given === undefined || given === null || given === '') {
      if (field.required) errors.push(`${name} is required`);
      continue;
    }
    if (matchesType(field.type, given)) {
      value[name] = given;
    } else {
      errors.push(`${name} must be a ${field.type}`);
    }
  }
  if (errors.length > 0) {
    const error = new Error(errors.join(', '));
    error.status = 400;
    throw error;
  }
  return value;
}

function matchesType(type, value) {
  switch (type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'date': return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    default: return typeof value === 'string';
  }
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
