// A dependency-free HTTP server: JSON REST routes over the logic module, and the UI from public/.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as logic from '../src/logic.js';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};
const routes = [];

export function route(method, pattern, handler) {
  const keys = [];
  const source = pattern.replace(/:(\w+)/g, (_, key) => {
    keys.push(key);
    return '([^/]+)';
  });
  routes.push({ method, regex: new RegExp(`^${source}$`), keys, handler });
}

function match(method, pathname) {
  for (const candidate of routes) {
    const found = candidate.method === method && candidate.regex.exec(pathname);
    if (found) {
      const params = Object.fromEntries(candidate.keys.map((key, i) => [key, decodeURIComponent(found[i + 1])]));
      return { handler: candidate.handler, params };
    }
  }
  return null;
}

async function readJson(req) {
  const parts = [];
  for await (const part of req) parts.push(part);
  const text = Buffer.concat(parts).toString('utf8');
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    const error = new Error('request body is not JSON');
    error.status = 400;
    throw error;
  }
}

function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function serveStatic(pathname, res) {
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^(\.\.[/\\])+/, '');
  try {
    const content = await readFile(join(publicDir, relative));
    res.writeHead(200, { 'content-type': contentTypes[extname(relative)] ?? 'application/octet-stream' }).end(content);
  } catch {
    send(res, 404, { error: 'not found' });
  }
}

export function createApp(store = logic.createStore()) {
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const found = match(req.method, url.pathname);
      if (found) {
        const body = ['POST', 'PUT', 'PATCH'].includes(req.method) ? await readJson(req) : undefined;
        const result = await found.handler({ store, params: found.params, body });
        send(res, result.status ?? 200, result.body);
      } else if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        await serveStatic(url.pathname, res);
      } else {
        send(res, 404, { error: 'not found' });
      }
    } catch (error) {
      send(res, error.status ?? 500, { error: error.message });
    }
  });
}
