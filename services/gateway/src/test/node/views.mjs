// Server-side views and the compact encoding, seen by clients from npm (`eventsource`, `ws`):
//   files    EventSource, firehose narrowed to one generation, ?view=files&paths=src/**
//   drafts   ws, subscribe {view: "drafts", encoding: "compact"}
//   metrics  EventSource, ?view=metrics&encoding=compact
// Each client records every message of GENERATION_ID as it came; the script ends when all three
// saw the generation's end (or after TIMEOUT_MS) and prints {"report":"done", clients: {...}}.
import { EventSource } from 'eventsource';
import { WebSocket } from 'ws';

const gateway = new URL(process.env.GATEWAY_URL);
const generationId = process.env.GENERATION_ID;
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 60000);
const clients = { files: [], drafts: [], metrics: [] };
const open = new Set();
const ended = new Set();
const closers = [];
const isEnd = (m) => ['generation-completed', 'generation-failed'].includes(m.type ?? m.t);
const ours = (m) => (m.generationId ?? m.g) === generationId;

function record(name, message) {
  if (message && typeof message === 'object' && ours(message)) {
    clients[name].push(message);
    if (isEnd(message)) {
      ended.add(name);
      if (ended.size === 3) {
        finish(0);
      }
    }
  }
}

function opened(name) {
  open.add(name);
  if (open.size === 3) {
    console.log(JSON.stringify({ report: 'open' }));
  }
}

let finished = false;
function finish(code) {
  if (finished) return;
  finished = true;
  closers.forEach((close) => close());
  console.log(JSON.stringify({ report: 'done', clients }));
  process.exitCode = code;
  setTimeout(() => process.exit(code), 100).unref();
}
setTimeout(() => finish(2), timeoutMs);

const stream = (query) => new URL(`/api/stream-generation?generation=${generationId}&${query}`, gateway);
for (const [name, query] of [['files', 'view=files&paths=src/**'], ['metrics', 'view=metrics&encoding=compact']]) {
  const source = new EventSource(stream(query));
  source.onopen = () => opened(name);
  source.onmessage = (event) => record(name, JSON.parse(event.data));
  source.onerror = (error) => console.error(`${name}: ${error.message ?? error.type}`);
  closers.push(() => source.close());
}

const ws = new WebSocket(new URL('/stream', gateway).href.replace(/^http/, 'ws'));
ws.on('open', () => ws.send(JSON.stringify({ action: 'subscribe', generationId, view: 'drafts', encoding: 'compact' })));
ws.on('message', (data) => {
  const message = JSON.parse(data);
  if (message.type === 'subscribed') {
    opened('drafts');
  } else if (message.type === 'error') {
    console.error(`drafts: ${JSON.stringify(message)}`);
  } else {
    record('drafts', message);
  }
});
ws.on('error', (error) => console.error(`drafts: ${error.message}`));
closers.push(() => ws.close());
