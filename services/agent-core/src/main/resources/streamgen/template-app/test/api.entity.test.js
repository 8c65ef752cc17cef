
test('__entity__: REST round trip', async () => {
  const created = await call('POST', '/api/__entities__', __SAMPLE__);
  assert.equal(created.status, 201);
  const id = created.body.id;
  assert.deepEqual((await call('GET', `/api/__entities__/${id}`)).body, created.body);
  assert.ok((await call('GET', '/api/__entities__')).body.some((item) => item.id === id));
  assert.equal((await call('PUT', `/api/__entities__/${id}`, __SAMPLE__)).status, 200);
  assert.equal((await call('DELETE', `/api/__entities__/${id}`)).status, 204);
  assert.equal((await call('GET', `/api/__entities__/${id}`)).status, 404);
});

test('__entity__: rejects a body that is not JSON', async () => {
  const response = await fetch(`${base}/api/__entities__`, { method: 'POST', body: '{not json' });
  assert.equal(response.status, 400);
});
