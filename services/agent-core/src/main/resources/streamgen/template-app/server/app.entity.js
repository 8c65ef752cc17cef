// @route GET /api/__entities__ list__Entities__ -> __Entity__[]
route('GET', '/api/__entities__', ({ store }) => ({ body: logic.list__Entities__(store) }));

// @route POST /api/__entities__ create__Entity__ __Entity__ -> __Entity__
route('POST', '/api/__entities__', ({ store, body }) => ({ status: 201, body: logic.create__Entity__(store, body) }));

// @route GET /api/__entities__/:id get__Entity__ -> __Entity__
route('GET', '/api/__entities__/:id', ({ store, params }) => {
  const found = logic.get__Entity__(store, params.id);
  return found ? { body: found } : { status: 404, body: { error: '__entity__ not found' } };
});

// @route PUT /api/__entities__/:id update__Entity__ __Entity__ -> __Entity__
route('PUT', '/api/__entities__/:id', ({ store, params, body }) => {
  const updated = logic.update__Entity__(store, params.id, body);
  return updated ? { body: updated } : { status: 404, body: { error: '__entity__ not found' } };
});

// @route DELETE /api/__entities__/:id delete__Entity__ -> void
route('DELETE', '/api/__entities__/:id', ({ store, params }) => (
  logic.delete__Entity__(store, params.id) ? { status: 204 } : { status: 404, body: { error: '__entity__ not found' } }
));
