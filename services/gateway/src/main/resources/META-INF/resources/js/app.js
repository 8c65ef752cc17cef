// The streamgen dashboard: starts generations, lists everyone's running and recent ones, follows
// one over SSE, shows what each agent writes, progress, the agents' tokens per second, the merged
// files with their diffs, conflicts and the checkpoint timeline (compare, roll back), replays a
// finished generation from any checkpoint, and sends interventions.
import { $, el, clear, throttled, timeOf } from './dom.js';
import { ApiError, getJson, getText, postJson, generationPath } from './api.js';
import { RateSeries } from './rates.js';
import { RateChart } from './chart.js';
import { FileStore } from './file-store.js';
import { FilesPane } from './files-pane.js';
import { CheckpointsPane } from './checkpoints-pane.js';
import { GenerationsPane } from './generations-pane.js';
import { openEventStream } from './event-stream.js';
import { Replayer } from './replay.js';
import { setupTabs } from './tabs.js';
import { AgentPanes } from './agent-panes.js';
import { AnalyticsPanel } from './analytics-panel.js';
import { describeModelChange } from './analytics.js';

const PHASES = ['SKELETON', 'FEATURES', 'OPTIMIZE', 'TEST'];
const SPEEDS = { 1: '1×', 10: '10×', 0: 'flat out' };

// mode: 'idle' (nothing open), 'live' (following the generation), 'replay' (playing it again)
const state = { id: null, source: null, files: {}, preview: false, previewTimer: null,
  mode: 'idle', ended: false, replayer: null };
const agents = new AgentPanes($('agents'));
const analytics = new AnalyticsPanel($('analytics'));
const rates = new RateSeries();
const chart = new RateChart($('tps'), $('tps-legend'));
const drawChart = throttled(() => chart.draw(rates));
const store = new FileStore();
const files = new FilesPane({ tree: $('file-tree'), title: $('file-title'), meta: $('file-meta'), diff: $('file-diff'),
  content: $('file-content'), count: $('file-count') }, store);
const checkpoints = new CheckpointsPane({ list: $('checkpoints'), from: $('compare-from'), to: $('compare-to'),
  form: $('compare'), status: $('compare-status'), result: $('compare-result'), replayFrom: $('replay-from') },
{ onRollback: n => rollback(n), onReplay: n => replay(n) });
const generations = new GenerationsPane($('generations'), $('generations-status'), id => open(id));
setupTabs($('tabs'), tab => { if (tab === 'agents') drawChart(); });

function log(type, text, cls = type, at = null) {
  const item = el('li', { className: cls }, `${at ? timeOf(at) : new Date().toLocaleTimeString()} ${type}: ${text}`);
  const list = $('log');
  list.prepend(item);
  while (list.children.length > 300) list.lastChild.remove();
}

function problem(where, error) {
  log(where, error.message, 'generation-failed');
  $('status-line').textContent = `${where}: ${error.message}`;
}

/**
 * A file's text when its event did not carry it (a diff that does not fit, a coalesced snapshot):
 * the current text from the gateway while live; a replay shows the file without it.
 */
async function fillContent(file, event) {
  if (file.content != null || file.deleted || state.mode !== 'live') return;
  const id = state.id;
  const content = await getText(event.contentUrl ?? generationPath(id, 'files', file.path));
  if (state.id !== id) return;
  store.fill(file.path, file.version, content);
  const filled = store.get(file.path);
  if (filled?.content != null) {
    state.files[file.path] = filled.content;
    files.render();
  }
}

const handlers = {
  'generation-started': e => {
    log(e.type, e.content, e.type, e.at);
    $('current-prompt').textContent = e.payload.prompt;
    state.preview = !!e.payload.flags?.preview;
    $('preview-card').hidden = !state.preview;
    for (const p of PHASES) {
      if (!e.payload.phases.includes(p)) $(`phase-${p}`).classList.add('SKIPPED');
    }
  },
  'phase-changed': e => {
    const phase = $(`phase-${e.payload.phase}`);
    if (phase) phase.className = `phase ${e.payload.state}`;
    log(e.type, e.content, e.type, e.at);
  },
  'task-state-changed': e => {
    agents.task(e.payload);
    if (rates.report(e)) drawChart();
    if (e.payload.state !== 'STREAMING') log(e.type, e.content, e.type, e.at);
  },
  'draft-chunk': e => agents.draft(e),
  'file-changed': async e => {
    const file = store.apply(e);
    if (file.content != null) state.files[file.path] = file.content;
    else if (file.deleted) delete state.files[file.path];
    const author = e.payload.authors?.[e.payload.authors.length - 1];
    if (author && file.content != null) agents.show(author, e.payload.path, file.content);
    files.render();
    log(e.type, `${e.payload.path} v${e.payload.version}${e.snapshot ? ' (snapshot)' : ''}`, e.type, e.at);
    schedulePreview();
    await fillContent(file, e);
  },
  'conflict-resolved': e => {
    $('conflicts').append(el('li', {},
      `${e.payload.path}#${e.payload.region}: ${e.payload.roles.join(' vs ')} → ${e.payload.outcome}`));
    log(e.type, e.content, e.type, e.at);
  },
  'checkpoint-taken': e => {
    checkpoints.add(e);
    log(e.type, e.content, e.type, e.at);
  },
  'rolled-back': e => {
    checkpoints.add(e);
    state.ended = false; // it runs again from that checkpoint
    log(e.type, e.content, e.type, e.at);
    updateControls();
  },
  'intervention-applied': e => log(e.type, e.content, e.type, e.at),
  'bus-message': e => log(e.type, `${e.payload.label} ${e.payload.name}`, e.type, e.at),
  // the coordinator's copy of the agents' last reported rates: the chart takes them from task-state-changed
  'metrics-snapshot': e => log(e.type, `${e.payload.chunks} chunks, p50 ${Math.round(e.payload.chunkLatencyP50Millis)} ms`,
    e.type, e.at),
  'generation-completed': e => { log(e.type, e.content, e.type, e.at); state.ended = true; schedulePreview(); },
  'generation-failed': e => { log(e.type, e.content, e.type, e.at); state.ended = true; },
  'chunk-rejected': e => log(e.type, e.content, e.type, e.at),
  'model-changed': e => {
    agents.note(e.payload.role, describeModelChange(e.payload), e.type);
    log(e.type, e.content, e.type, e.at);
  },
  'answer-cached': e => {
    agents.note(e.payload.role, `${e.payload.taskId}: answered from the cache`, e.type);
    log(e.type, e.content, e.type, e.at);
  },
  'context-trimmed': e => {
    agents.note(e.payload.role, `${e.payload.taskId}: ${e.content}`, e.type);
    log(e.type, e.content, e.type, e.at);
  },
  'generation-analytics': e => {
    analytics.show(e.payload);
    log(e.type, e.content, e.type, e.at);
  },
  'lagged': e => log('lagged', e.content, 'local'),
};

function dispatch(event) {
  if (typeof event.progress === 'number') $('overall-bar').style.width = `${Math.round(event.progress * 100)}%`;
  const handle = handlers[event.type];
  if (!handle) return;
  try {
    Promise.resolve(handle(event)).catch(error => problem('dashboard', error));
  } catch (error) {
    problem('dashboard', error);
  }
}

function schedulePreview() {
  if (!state.preview || state.previewTimer) return;
  state.previewTimer = setTimeout(() => {
    state.previewTimer = null;
    showPreview(state.id, 20).catch(error => log('preview', error.message, 'local'));
  }, 500);
}

// The running app (the gateway's preview runner, on its own origin) once it answers; the merged
// files served statically when the runner is off. Polls a few times while the app (re)starts.
async function showPreview(id, attempts) {
  const response = await fetch(`/api/generations/${encodeURIComponent(id)}/preview`, { credentials: 'same-origin' });
  if (!response.ok || id !== state.id) return;
  const preview = await response.json();
  const frame = $('preview');
  if (!preview.enabled || preview.state === 'NO_SERVER') {
    frame.src = preview.staticUrl;
  } else if (preview.state === 'RUNNING') {
    const url = new URL(preview.url);
    url.hostname = location.hostname; // the app's port on the host this dashboard was loaded from
    const next = `${url.origin}/?start=${preview.starts}`;
    if (frame.dataset.app !== next) {
      frame.dataset.app = next;
      frame.src = next;
    }
    // the runner restarts the app after the next checkpoint or the end: follow it for a while
    if (attempts > 0) setTimeout(() => showPreview(id, attempts - 1).catch(() => {}), 2000);
  } else if (preview.state === 'FAILED') {
    log('preview', `the app did not start: ${preview.error ?? 'no reason given'}`, 'local');
  } else if (attempts > 0) {
    setTimeout(() => showPreview(id, attempts - 1).catch(() => {}), 1000);
  }
}

function setConnection(text) {
  const badge = $('connection');
  badge.textContent = text;
  badge.className = `badge ${text}`;
}

/** Enables what fits the mode: interventions while live and running, replay once it has ended. */
function updateControls() {
  const live = state.mode === 'live' && !state.ended;
  for (const id of ['pause', 'resume', 'cancel', 'checkpoint-now', 'steer', 'edit']) $(id).disabled = !live;
  const replaying = state.mode === 'replay';
  const finished = state.ended || ['completed', 'failed', 'cancelled'].includes(generations.get(state.id)?.state);
  $('replay').disabled = !state.id || replaying || !finished;
  $('replay-stop').hidden = !replaying;
  checkpoints.enableActions(!!state.id && !replaying);
  $('empty-hint').hidden = !!state.id;
}

function closeStream() {
  state.source?.close();
  state.source = null;
  state.replayer?.stop();
  state.replayer = null;
}

function resetPanes(id) {
  state.files = {};
  state.ended = false;
  clear($('log'));
  clear($('conflicts'));
  $('status-line').textContent = '';
  agents.reset();
  analytics.reset();
  clear($('phases')).append(...PHASES.map(p => el('div', { className: 'phase', id: `phase-${p}` }, p)));
  rates.reset();
  drawChart();
  store.clear();
  files.reset();
  checkpoints.reset(id);
  $('overall-bar').style.width = '0';
}

/** Opens a generation: its events from the start, then live; the URL names it, so a reload keeps it open. */
function open(id, { push = true } = {}) {
  closeStream();
  state.id = id;
  state.mode = 'live';
  if (push && new URLSearchParams(location.search).get('generation') !== id) {
    history.pushState({ generation: id }, '', `/?generation=${encodeURIComponent(id)}`);
  }
  $('current').textContent = id;
  $('current-prompt').textContent = generations.get(id)?.prompt ?? '';
  $('replay-status').textContent = '';
  document.title = `streamgen · ${id}`;
  generations.setCurrent(id);
  resetPanes(id);
  state.source = openEventStream(generationPath(id, 'events'), {
    onEvent: dispatch,
    onStatus: status => {
      setConnection(status);
      if (status === 'ended') {
        state.ended = true;
        state.source = null;
        log('stream', 'ended', 'local');
      }
      updateControls();
    },
  });
  updateControls();
}

/** Plays the open generation again, from the start or from checkpoint n, at the chosen speed. */
function replay(fromCheckpoint = Number($('replay-from').value) || null) {
  const id = state.id;
  const speed = Number($('replay-speed').value);
  closeStream();
  state.mode = 'replay';
  resetPanes(id);
  setConnection('replaying');
  updateControls();
  const from = fromCheckpoint ? `from checkpoint #${fromCheckpoint}` : 'from the start';
  const say = text => { $('replay-status').textContent = text; };
  say(`replaying ${from} at ${SPEEDS[speed] ?? speed + '×'}…`);
  const replayer = new Replayer({
    speed,
    deliver: dispatch,
    onProgress: ({ delivered, received, done }) => {
      if (state.replayer !== replayer) return;
      if (done) {
        say(delivered ? `replay ${from} at ${SPEEDS[speed] ?? speed + '×'} finished: ${delivered} events`
          : `nothing to replay ${from}: the gateway sent no events (the checkpoint may be gone from the topic)`);
        state.replayer = null;
        state.mode = 'replayed';
        setConnection('replayed');
        updateControls();
      } else {
        say(`replaying ${from} at ${SPEEDS[speed] ?? speed + '×'}: ${delivered} of ${received} events`);
      }
    },
  });
  state.replayer = replayer;
  const query = fromCheckpoint ? `?fromCheckpoint=${fromCheckpoint}` : '';
  state.source = openEventStream(generationPath(id, 'events') + query, {
    onEvent: event => replayer.push(event),
    onStatus: status => { if (status === 'ended') { state.source = null; replayer.end(); } },
  });
}

async function intervene(action, extra = {}) {
  try {
    const role = $('control-role').value || null;
    const answer = await postJson(generationPath(state.id, 'interventions'), { action, role, ...extra });
    log('intervention', `${answer.action} sent (${answer.interventionId})`, 'local');
  } catch (error) {
    problem('intervention', error);
  }
}

async function rollback(checkpointId) {
  try {
    const answer = await postJson(generationPath(state.id, 'rollback'), { checkpointId });
    log('intervention', `${answer.action} to #${checkpointId} sent (${answer.interventionId})`, 'local');
    $('status-line').textContent = `rollback to checkpoint #${checkpointId} sent`;
    if (state.mode !== 'live' || state.ended) open(state.id, { push: false }); // it runs again: follow it
  } catch (error) {
    problem('rollback', error);
  }
}

$('start').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const flags = {};
  for (const f of ['parallel', 'preview', 'checkpoint', 'optimize', 'test', 'verbose']) flags[f] = form.has(f);
  const size = form.get('bufferSize');
  flags.bufferSize = size ? Number(size) : null;
  $('form-error').textContent = '';
  try {
    const prompt = form.get('prompt');
    const answer = await postJson('/api/generations', { prompt, flags, mergeStrategy: form.get('mergeStrategy') });
    open(answer.generationId);
  } catch (error) {
    $('form-error').textContent = error instanceof ApiError ? error.message : String(error);
  }
});

$('pause').onclick = () => intervene('PAUSE');
$('resume').onclick = () => intervene('RESUME');
$('cancel').onclick = () => intervene('CANCEL');
$('checkpoint-now').onclick = () => intervene('CHECKPOINT');
$('steer').onclick = () => intervene('STEER', { text: $('steer-text').value });
$('edit').onclick = () => intervene('EDIT', { path: $('edit-path').value, text: $('edit-text').value });
$('replay').onclick = () => replay();
$('replay-stop').onclick = () => {
  log('replay', 'stopped', 'local');
  open(state.id, { push: false });
};
window.addEventListener('popstate', () => {
  const id = new URLSearchParams(location.search).get('generation');
  if (id && id !== state.id) open(id, { push: false });
});

// With auth on, the page trades a token for an HttpOnly session cookie once; EventSource, fetch and
// the WebSocket then carry the cookie, and no token ever appears in a URL.
async function checkSession() {
  try {
    const session = await getJson('/api/session');
    const needed = session.authRequired && !session.authenticated;
    $('login').hidden = !needed;
    $('start').hidden = needed;
    if (!needed) generations.start();
    else $('generations-status').textContent = 'sign in to see the generations';
  } catch (error) {
    $('generations-status').textContent = error.message;
  }
}

$('login').addEventListener('submit', async event => {
  event.preventDefault();
  const response = await fetch('/api/session', {
    method: 'POST', credentials: 'same-origin', headers: { Authorization: `Bearer ${$('token').value}` },
  }).catch(() => null);
  $('token').value = '';
  $('login-error').textContent = response?.ok ? '' : response ? 'that token was not accepted' : 'the gateway cannot be reached';
  if (response?.ok) checkSession();
});

resetPanes(null);
updateControls();
checkSession();
const wanted = new URLSearchParams(location.search).get('generation');
if (wanted) open(wanted, { push: false });
