// The specification's WebSocket snippet, verbatim, with the `ws` package from npm.
import { WebSocket as NodeWebSocket } from 'ws';
import { startRun } from './harness.mjs';

const run = startRun('websocket', ['agentId', 'code', 'metadata']);

// The one adaptation: the snippet names ws://localhost:8080, the default local stack; a test
// gateway runs on a port of its own, so the snippet's `WebSocket` is the `ws` client with that
// origin replaced by the gateway's (path and query kept).
class WebSocket extends NodeWebSocket {
  constructor(address, ...rest) {
    const target = new URL(address);
    target.protocol = run.gateway.protocol === 'https:' ? 'wss:' : 'ws:';
    target.host = run.gateway.host;
    super(target, ...rest);
  }
}

// ---- the specification's snippet, verbatim ----
const ws = new WebSocket('ws://localhost:8080/stream'); ws.on('message', (data) => { const chunk = JSON.parse(data); /* chunk.agentId, chunk.code, chunk.metadata */ });
// ---- end of the snippet ----

// The harness listens beside the snippet (a listener that throws would end the process): the
// same messages, counted and checked. It sends nothing, as the snippet sends nothing.
ws.on('message', (data) => run.record(JSON.parse(data)));
ws.on('open', () => run.opened());
ws.on('error', (error) => run.failed(`websocket error: ${error.message}`));
ws.on('close', (code) => run.failed(`the gateway closed the socket (${code}) before the generation ended`));
run.closers.push(() => ws.close());
