import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as logic from '../src/logic.js';
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
const routes = [];

function route(method, path, handler) {
  const keys = [];
  const source = path.replace(/:(\w+)/g, (_, key) => {
    keys.push(key);
    return '([^/]+)';
  });
  routes.push({ method, regex: new RegExp(`^${source}$`), keys, handler });
}

function findRoute(method, pathname) {
  for (const candidate of routes) {
    const match = candidate.method === method ? candidate.regex.exec(pathname) : null;
    if (match) {
      const params = Object.fromEntries(candidate.keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]));
      return { handler: candidate.handler, params };
    }
  }
  return null;
}

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('request body must be JSON'), { status: 400 });
  }
}

function sendJson(res, status, body) {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function serveStatic(res, pathname) {
  const file = normalize(pathname === '/' ? '/index.html' : pathname);
  try {
    const content = await readFile(join(publicDir, file));
    res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    res.end(content);
  } catch {
    sendJson(res, 404, { error: 'not found' });
  }
}

export function createApp(store = logic.createStore()) {
  return createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      const found = findRoute(req.method, url.pathname);
      if (found) {
        const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : undefined;
        const result = await found.handler({ store, params: found.params, query: url.searchParams, body });
        sendJson(res, result.status ?? 200, result.body);
      } else if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        await serveStatic(res, url.pathname);
      } else {
        sendJson(res, 404, { error: 'not found' });
      }
    } catch (error) {
      const status = error.status ?? 500;
      sendJson(res, status, { error: status === 500 ? 'internal error' : error.message });
    }
  });
}
const todoNotFound = { status: 404, body: { error: 'todo not found' } };

// @route GET /api/todos listTodos -> Todo[]
route('GET', '/api/todos', ({ store, query }) => ({
  body: logic.listTodos(store, { tag: query.get('tag') ?? undefined }),
}));

// @route POST /api/todos createTodo Todo -> Todo
route('POST', '/api/todos', ({ store, body }) => ({ status: 201, body: logic.createTodo(store, body) }));

// @route GET /api/todos/:id getTodo -> Todo
route('GET', '/api/todos/:id', ({ store, params }) => {
  const todo = logic.getTodo(store, params.id);
  return todo ? { body: todo } : todoNotFound;
});

// @route PUT /api/todos/:id updateTodo Todo -> Todo
route('PUT', '/api/todos/:id', ({ store, params, body }) => {
  const todo = logic.updateTodo(store, params.id, body);
  return todo ? { body: todo } : todoNotFound;
});

// @route DELETE /api/todos/:id deleteTodo -> void
route('DELETE', '/api/todos/:id', ({ store, params }) => (
  logic.deleteTodo(store, params.id) ? { status: 204 } : todoNotFound
));
// @route GET /api/tags listTags -> Tag[]
route('GET', '/api/tags', ({ store }) => ({ body: logic.listTags(store) }));
