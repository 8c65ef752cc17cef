// What the snippet scripts share, and nothing of the snippets themselves: where the gateway is,
// which generation to wait for, a bounded run, and a one-line JSON report on stdout.
//
//   GATEWAY_URL    the gateway's origin, e.g. http://127.0.0.1:41234 (or the first argument)
//   GENERATION_ID  the generation whose events are checked; the run ends after its end event
//   TIMEOUT_MS     the most the run may take (default 60000): then it reports and exits 2
//
// stdout: {"report":"open"} once the client is connected, then one {"report":"done", …} line.
// Exit codes: 0 every event of the generation came with the fields, 1 one did not, 2 timeout, 64 usage.

const END_TYPES = new Set(['generation-completed', 'generation-failed']);

export function startRun(snippet, requiredFields) {
  const gatewayUrl = process.env.GATEWAY_URL ?? process.argv[2];
  const generationId = process.env.GENERATION_ID;
  const timeoutMs = Number(process.env.TIMEOUT_MS ?? 60000);
  if (!gatewayUrl || !generationId || !(timeoutMs > 0)) {
    console.error('usage: GATEWAY_URL=http://host:port GENERATION_ID=id [TIMEOUT_MS=60000] node ' + snippet + '-snippet.mjs');
    process.exit(64);
  }
  const run = {
    gateway: new URL(gatewayUrl),
    messages: 0,
    events: [],
    problems: [],
    closers: [],
    opened() {
      console.log(JSON.stringify({ report: 'open', snippet }));
    },
    /** One message as the snippet's handler saw it; `id` is the SSE id, if any. */
    record(message, id) {
      run.messages++;
      if (message === null || typeof message !== 'object' || message.generationId !== generationId) {
        return; // the firehose carries every generation's events; only this one's are checked
      }
      const missing = requiredFields.filter((field) => !(field in message));
      if (missing.length > 0) {
        run.problems.push(`${message.type} ${message.id}: no ${missing.join(', ')}`);
      }
      run.events.push({ id, type: message.type, fields: requiredFields.filter((field) => field in message) });
      if (END_TYPES.has(message.type)) {
        finish();
      }
    },
    failed(reason) {
      if (!finished) {
        run.problems.push(String(reason));
        finish(1);
      }
    },
  };
  let finished = false;
  const timer = setTimeout(() => {
    run.problems.push(`timed out after ${timeoutMs} ms`);
    finish(2);
  }, timeoutMs);
  /** Ends the run: exit code `code`, or 0/1 as the recorded events were complete or not. */
  function finish(code) {
    if (finished) {
      return;
    }
    finished = true;
    clearTimeout(timer);
    run.closers.forEach((close) => close());
    const exitCode = code ?? (run.problems.length > 0 ? 1 : 0);
    console.log(JSON.stringify({ report: 'done', snippet, messages: run.messages, events: run.events, problems: run.problems }));
    process.exitCode = exitCode;
    // the clients are closed; nothing they left (a reconnect timer, a socket) may keep the process alive
    setTimeout(() => process.exit(exitCode), 100).unref();
  }
  return run;
}
