
test('__entity__: rejects a record without its required fields', () => {
  assert.throws(() => logic.create__Entity__(logic.createStore(), {}), /is required/);
});
