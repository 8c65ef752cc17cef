test('__entity__: create, list, update and delete', () => {
  const store = logic.createStore();
  const created = logic.create__Entity__(store, __SAMPLE__);
  assert.equal(created.id, 1);
  assert.deepEqual(logic.list__Entities__(store), [created]);
  assert.deepEqual(logic.get__Entity__(store, created.id), created);
  const updated = logic.update__Entity__(store, created.id, __SAMPLE__);
  assert.deepEqual(logic.list__Entities__(store), [updated]);
  assert.equal(logic.delete__Entity__(store, created.id), true);
  assert.deepEqual(logic.list__Entities__(store), []);
  assert.equal(logic.get__Entity__(store, created.id), null);
});

test('__entity__: listing follows creation order', () => {
  const store = logic.createStore();
  const first = logic.create__Entity__(store, __SAMPLE__);
  const second = logic.create__Entity__(store, __SAMPLE__);
  assert.deepEqual(logic.list__Entities__(store).map((item) => item.id), [first.id, second.id]);
});
