import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../server/app.js';
let server;
let baseUrl;

before(async () => {
  server = createApp();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function api(method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
describe('/api/expenses', () => {
  it('creates, reads, updates and deletes an expense', async () => {
    const created = await api('POST', '/api/expenses', { description: 'Lunch', amountCents: 1250, category: 'Food' });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { id: created.body.id, description: 'Lunch', amountCents: 1250, category: 'food' });

    const { id } = created.body;
    assert.deepEqual((await api('GET', `/api/expenses/${id}`)).body, created.body);
    assert.ok((await api('GET', '/api/expenses')).body.some((expense) => expense.id === id));

    const updated = await api('PUT', `/api/expenses/${id}`, { amountCents: 1400 });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.amountCents, 1400);

    assert.equal((await api('DELETE', `/api/expenses/${id}`)).status, 204);
    assert.equal((await api('GET', `/api/expenses/${id}`)).status, 404);
    assert.equal((await api('DELETE', `/api/expenses/${id}`)).status, 404);
    assert.equal((await api('PUT', `/api/expenses/${id}`, { amountCents: 1 })).status, 404);
  });

  it('rejects invalid expenses with 400 and an error message', async () => {
    for (const body of [{ description: 'Taxi' }, { description: '', amountCents: 100 }, { description: 'Taxi', amountCents: 9.99 }]) {
      const response = await api('POST', '/api/expenses', body);
      assert.equal(response.status, 400);
      assert.equal(typeof response.body.error, 'string');
    }
    const malformed = await fetch(`${baseUrl}/api/expenses`, { method: 'POST', body: '{"description":' });
    assert.equal(malformed.status, 400);
  });
});
describe('/api/totals', () => {
  it('sums the amounts per category', async () => {
    const previous = (await api('GET', '/api/totals')).body;
    await api('POST', '/api/expenses', { description: 'Hotel', amountCents: 12000, category: 'zz-travel' });
    await api('POST', '/api/expenses', { description: 'Train', amountCents: 3450, category: 'zz-travel' });
    const current = await api('GET', '/api/totals');
    assert.equal(current.status, 200);
    assert.deepEqual(current.body.categories.find((row) => row.category === 'zz-travel'), { category: 'zz-travel', totalCents: 15450, count: 2 });
    assert.equal(current.body.totalCents, previous.totalCents + 15450);
  });
});
describe('static files and health', () => {
  it('serves the page and reports health', async () => {
    const page = await fetch(`${baseUrl}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<link rel="stylesheet" href="\/styles.css">/);
    const script = await fetch(`${baseUrl}/app.js`);
    assert.match(script.headers.get('content-type'), /javascript/);
    await script.text();
    assert.deepEqual((await api('GET', '/api/health')).body, { ok: true });
    assert.equal((await api('GET', '/api/unknown')).status, 404);
  });
});
