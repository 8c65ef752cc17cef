// The specification's EventSource snippet, verbatim, with the `eventsource` package from npm (a
// WHATWG EventSource for Node) in place of the browser's.
import { EventSource } from 'eventsource';
import { startRun } from './harness.mjs';

const run = startRun('event-source', ['type', 'content', 'progress']);

// The one adaptation: in a browser, '/api/stream-generation' is resolved against the page's
// address; the package resolves a relative URL against `document.baseURI` the same way, so the
// harness gives it the gateway's origin as that base and leaves the snippet's URL as it is.
globalThis.document = { baseURI: run.gateway.href };

// ---- the specification's snippet, verbatim ----
const eventSource = new EventSource('/api/stream-generation'); eventSource.onmessage = (event) => { const data = JSON.parse(event.data); /* data.type, data.content, data.progress */ };
// ---- end of the snippet ----

// The harness watches through the snippet's own handler: every message the snippet gets (and
// parses, or throws) is counted and checked.
const snippetHandler = eventSource.onmessage;
eventSource.onmessage = (event) => {
  snippetHandler(event);
  run.record(JSON.parse(event.data), event.lastEventId);
};
eventSource.onopen = () => run.opened();
// an EventSource reconnects by itself after an error; the run's timeout bounds that
eventSource.onerror = (error) => console.error(`event source error: ${error.message ?? error.type}`);
run.closers.push(() => eventSource.close());
