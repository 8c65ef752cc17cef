// One generation's events over SSE (named events, docs/events.md). The browser's EventSource
// reconnects by itself and sends Last-Event-ID, so nothing is missed or repeated. The gateway ends
// the stream after the generation's last end (a rollback after an end makes it run again), so the
// stream is over when the server closes it right after an end: then it is closed here, before
// the EventSource would ask again.
export const EVENT_TYPES = ['generation-started', 'phase-changed', 'task-state-changed', 'draft-chunk', 'file-changed',
  'conflict-resolved', 'checkpoint-taken', 'rolled-back', 'intervention-applied', 'bus-message', 'metrics-snapshot',
  'generation-completed', 'generation-failed', 'chunk-rejected', 'model-changed', 'context-trimmed', 'answer-cached',
  'generation-analytics', 'lagged'];
const TERMINAL = new Set(['generation-completed', 'generation-failed']);

/**
 * @param onEvent called with each event's JSON, in order
 * @param onStatus called with 'live', 'reconnecting' or 'ended'
 * @returns { close() }
 */
export function openEventStream(url, { onEvent, onStatus }) {
  const source = new EventSource(url, { withCredentials: true });
  let lastWasEnd = false;
  let closed = false;
  const close = () => {
    closed = true;
    source.close();
  };
  source.onopen = () => { if (!closed) onStatus('live'); };
  source.onerror = () => {
    if (closed) return;
    if (lastWasEnd || source.readyState === EventSource.CLOSED) {
      close();
      onStatus('ended');
    } else {
      onStatus('reconnecting');
    }
  };
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, message => {
      if (closed) return;
      const event = JSON.parse(message.data);
      lastWasEnd = TERMINAL.has(event.type);
      onEvent(event);
    });
  }
  return { close };
}
