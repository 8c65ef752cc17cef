import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as logic from '../src/logic.js';
const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url));
const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const routes = [];

function on(method, pattern, handler) {
  routes.push({ method, parts: pattern.split('/'), handler });
}

function matchRoute(method, pathname) {
  const parts = pathname.split('/');
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.parts.length !== parts.length) continue;
    const params = {};
    const matches = candidate.parts.every((part, i) => {
      if (!part.startsWith(':')) return part === parts[i];
      params[part.slice(1)] = decodeURIComponent(parts[i]);
      return parts[i] !== '';
    });
    if (matches) return { handler: candidate.handler, params };
  }
  return null;
}

function httpError(status, message) {
  const error = new Error(message);
  error.status = status;
  return error;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw httpError(400, 'body is not valid JSON');
  }
}

function reply(res, status, payload) {
  if (payload === undefined) {
    res.writeHead(status);
    res.end();
  } else {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
  }
}

async function serveFile(res, pathname) {
  const relative = path.normalize(pathname === '/' ? '/index.html' : pathname);
  try {
    const content = await readFile(path.join(PUBLIC_DIR, relative));
    res.writeHead(200, { 'Content-Type': MIME_TYPES[path.extname(relative)] ?? 'application/octet-stream' });
    res.end(content);
  } catch {
    reply(res, 404, { error: 'not found' });
  }
}

async function handle(store, req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  const found = matchRoute(req.method, pathname);
  if (found) {
    const body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : undefined;
    const [status, payload] = await found.handler({ store, params: found.params, body });
    return reply(res, status, payload);
  }
  if (req.method === 'GET' && !pathname.startsWith('/api/')) return serveFile(res, pathname);
  return reply(res, 404, { error: `no route for ${req.method} ${pathname}` });
}

export function createApp(store = logic.createStore()) {
  return http.createServer((req, res) => {
    handle(store, req, res).catch((error) => {
      const status = error.status ?? 500;
      reply(res, status, { error: status === 500 ? 'internal server error' : error.message });
    });
  });
}
// @route GET /api/health health -> Health
on('GET', '/api/health', () => [200, { ok: true }]);
const expenseNotFound = (id) => [404, { error: `expense ${id} not found` }];

// @route GET /api/expenses listExpenses -> Expense[]
on('GET', '/api/expenses', ({ store }) => [200, logic.listExpenses(store)]);

// @route POST /api/expenses createExpense Expense -> Expense
on('POST', '/api/expenses', ({ store, body }) => [201, logic.createExpense(store, body)]);

// @route GET /api/expenses/:id getExpense -> Expense
on('GET', '/api/expenses/:id', ({ store, params }) => {
  const expense = logic.getExpense(store, params.id);
  return expense ? [200, expense] : expenseNotFound(params.id);
});

// @route PUT /api/expenses/:id updateExpense Expense -> Expense
on('PUT', '/api/expenses/:id', ({ store, params, body }) => {
  const expense = logic.updateExpense(store, params.id, body);
  return expense ? [200, expense] : expenseNotFound(params.id);
});

// @route DELETE /api/expenses/:id deleteExpense -> void
on('DELETE', '/api/expenses/:id', ({ store, params }) => (
  logic.deleteExpense(store, params.id) ? [204] : expenseNotFound(params.id)
));
// @route GET /api/totals totalsByCategory -> Totals
on('GET', '/api/totals', ({ store }) => [200, {
  categories: logic.totalsByCategory(store),
  totalCents: logic.grandTotalCents(store),
}]);
