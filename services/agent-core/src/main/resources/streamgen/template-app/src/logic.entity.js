schemas.__entity__ = {
__SCHEMA_FIELDS__
};

export function create__Entity__(store, input) {
  return insert(store, '__entity__', input);
}

export function list__Entities__(store) {
  return list(store, '__entity__');
}

export function get__Entity__(store, id) {
  return find(store, '__entity__', id);
}

export function update__Entity__(store, id, input) {
  return update(store, '__entity__', id, input);
}

export function delete__Entity__(store, id) {
  return remove(store, '__entity__', id);
}
