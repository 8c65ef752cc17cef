// The streamgen dashboard: starts generations, follows one over SSE (the browser's EventSource
// reconnects by itself and sends Last-Event-ID, so nothing is missed or repeated), shows what each
// agent writes, progress, tokens per second, conflicts and checkpoints, and sends interventions.
import { highlight, escapeHtml } from './highlight.js';
import { RateChart } from './chart.js';

const ROLES = ['UI', 'LOGIC', 'API', 'OPTIMIZATION', 'TESTING'];
const PHASES = ['SKELETON', 'FEATURES', 'OPTIMIZE', 'TEST'];
const RECENT_KEY = 'streamgen.recent';
const $ = id => document.getElementById(id);

const state = { id: null, source: null, files: {}, panes: {}, preview: false, previewTimer: null };
const chart = new RateChart($('tps'));

async function api(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
    body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = (answer.errors ?? []).map(e => `${e.field} ${e.message}`).join('; ');
    throw new Error(`${answer.title ?? response.status}: ${answer.detail ?? ''}${fields ? ' — ' + fields : ''}`);
  }
  return answer;
}

function buildPanes() {
  const agents = $('agents');
  agents.innerHTML = '';
  for (const role of ROLES) {
    const pane = document.createElement('article');
    pane.className = 'agent';
    pane.id = `agent-${role.toLowerCase()}`;
    pane.innerHTML = `<header><strong>${role}</strong><span class="state">idle</span>
      <span class="tokens"></span><span class="path"></span></header>
      <div class="bar"><div style="width:0"></div></div><pre class="code"><code></code></pre>`;
    agents.append(pane);
    state.panes[role] = { el: pane, path: null, text: '' };
  }
  $('phases').innerHTML = PHASES.map(p => `<div class="phase" id="phase-${p}">${p}</div>`).join('');
}

function showCode(role, path, text) {
  const pane = state.panes[role];
  if (!pane) return;
  pane.path = path;
  pane.text = text;
  pane.el.querySelector('.path').textContent = path ?? '';
  const pre = pane.el.querySelector('pre');
  pre.querySelector('code').innerHTML = highlight(text);
  pre.scrollTop = pre.scrollHeight;
}

function log(type, text, cls = type) {
  const item = document.createElement('li');
  item.className = cls;
  item.textContent = `${new Date().toLocaleTimeString()} ${type}: ${text}`;
  const list = $('log');
  list.prepend(item);
  while (list.children.length > 300) list.lastChild.remove();
}

async function fileContent(event) {
  if (event.content != null) return event.content;
  if (event.contentUrl) {
    const response = await fetch(event.contentUrl, { credentials: 'same-origin' });
    if (response.ok) return response.text();
  }
  return null;
}

const handlers = {
  'generation-started': e => {
    log(e.type, e.content);
    state.preview = !!e.payload.flags?.preview;
    $('preview-card').hidden = !state.preview;
    for (const p of PHASES) {
      if (!e.payload.phases.includes(p)) $(`phase-${p}`).classList.add('SKIPPED');
    }
  },
  'phase-changed': e => {
    const el = $(`phase-${e.payload.phase}`);
    el.className = `phase ${e.payload.state}`;
    log(e.type, e.content);
  },
  'task-state-changed': e => {
    const pane = state.panes[e.payload.role];
    if (!pane) return;
    pane.el.querySelector('.state').textContent = `${e.payload.phase} ${e.payload.state}`;
    pane.el.querySelector('.tokens').textContent = `${e.payload.tokens} tok`;
    const done = ['DONE', 'FAILED', 'CANCELLED'].includes(e.payload.state);
    pane.el.querySelector('.bar > div').style.width = done ? '100%' : `${Math.min(95, e.payload.tokens / 20)}%`;
    chart.add(e.payload.role, e.payload.tokensPerSecond);
    if (e.payload.state !== 'STREAMING') log(e.type, e.content);
  },
  'draft-chunk': e => {
    const pane = state.panes[e.payload.role];
    // a coalesced snapshot carries the joined text of the drafts this client had not received yet
    const base = pane && pane.path === e.payload.path ? pane.text : '';
    showCode(e.payload.role, e.payload.path, base + (e.truncated ? '' : e.payload.text));
  },
  'file-changed': async e => {
    const content = await fileContent(e);
    if (content != null) state.files[e.payload.path] = content;
    const author = e.payload.authors?.[e.payload.authors.length - 1];
    if (author && content != null) showCode(author, e.payload.path, content);
    log(e.type, `${e.payload.path} v${e.payload.version}${e.snapshot ? ' (snapshot)' : ''}`);
    schedulePreview();
  },
  'conflict-resolved': e => {
    const item = document.createElement('li');
    item.textContent = `${e.payload.path}#${e.payload.region}: ${e.payload.roles.join(' vs ')} → ${e.payload.outcome}`;
    $('conflicts').append(item);
    log(e.type, e.content);
  },
  'checkpoint-taken': e => {
    const item = document.createElement('li');
    item.innerHTML = `<span>#${e.payload.checkpointId} ${escapeHtml(e.payload.label)}</span> `;
    const button = document.createElement('button');
    button.textContent = 'Roll back';
    button.className = 'rollback';
    button.onclick = () => intervene('rollback', { checkpointId: e.payload.checkpointId });
    item.append(button);
    $('checkpoints').append(item);
    log(e.type, e.content);
  },
  'rolled-back': e => log(e.type, e.content),
  'intervention-applied': e => log(e.type, e.content),
  'bus-message': e => log(e.type, `${e.payload.label} ${e.payload.name}`),
  'metrics-snapshot': e => {
    for (const [role, rate] of Object.entries(e.payload.tokensPerSecondByRole ?? {})) chart.add(role, rate);
  },
  'generation-completed': e => { log(e.type, e.content); end('completed'); schedulePreview(); },
  'generation-failed': e => { log(e.type, e.content); end('failed'); },
  'chunk-rejected': e => log(e.type, e.content),
  'lagged': e => log('lagged', e.content, 'local'),
};

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

function setControls(enabled) {
  for (const id of ['pause', 'resume', 'cancel', 'checkpoint-now', 'steer', 'edit']) $(id).disabled = !enabled;
}

function end(how) {
  state.source?.close();
  state.source = null;
  setConnection('ended');
  setControls(false);
  log('stream', `ended (${how})`, 'local');
}

function follow(id) {
  state.source?.close();
  state.id = id;
  state.files = {};
  $('current').textContent = id;
  for (const list of ['log', 'checkpoints', 'conflicts']) $(list).innerHTML = '';
  buildPanes();
  chart.reset();
  $('overall-bar').style.width = '0';
  setControls(true);
  const source = new EventSource(`/api/generations/${encodeURIComponent(id)}/events`, { withCredentials: true });
  state.source = source;
  source.onopen = () => setConnection('live');
  source.onerror = () => { if (state.source === source) setConnection('reconnecting'); };
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, message => {
      const event = JSON.parse(message.data);
      if (typeof event.progress === 'number') $('overall-bar').style.width = `${Math.round(event.progress * 100)}%`;
      Promise.resolve(handle(event)).catch(error => log('dashboard', error.message, 'generation-failed'));
    });
  }
}

async function intervene(action, extra = {}) {
  try {
    const role = $('control-role').value || null;
    const path = action === 'rollback' ? 'rollback' : 'interventions';
    const body = action === 'rollback' ? extra : { action, role, ...extra };
    const answer = await api(`/api/generations/${encodeURIComponent(state.id)}/${path}`, body);
    log('intervention', `${answer.action} sent (${answer.interventionId})`, 'local');
  } catch (error) {
    log('intervention', error.message, 'generation-failed');
  }
}

function remember(id, prompt) {
  const recent = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]').filter(r => r.id !== id);
  recent.unshift({ id, prompt: prompt.slice(0, 60), at: Date.now() });
  localStorage.setItem(RECENT_KEY, JSON.stringify(recent.slice(0, 20)));
  showRecent();
}

function showRecent() {
  const list = $('recent');
  list.innerHTML = '';
  for (const r of JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]')) {
    const item = document.createElement('li');
    item.textContent = `${r.prompt || r.id}`;
    item.title = r.id;
    item.onclick = () => follow(r.id);
    list.append(item);
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
    const answer = await api('/api/generations', { prompt, flags, mergeStrategy: form.get('mergeStrategy') });
    remember(answer.generationId, prompt);
    follow(answer.generationId);
  } catch (error) {
    $('form-error').textContent = error.message;
  }
});

$('pause').onclick = () => intervene('PAUSE');
$('resume').onclick = () => intervene('RESUME');
$('cancel').onclick = () => intervene('CANCEL');
$('checkpoint-now').onclick = () => intervene('CHECKPOINT');
$('steer').onclick = () => intervene('STEER', { text: $('steer-text').value });
$('edit').onclick = () => intervene('EDIT', { path: $('edit-path').value, text: $('edit-text').value });

// With auth on, the page trades a token for an HttpOnly session cookie once; EventSource, fetch and
// the WebSocket then carry the cookie, and no token ever appears in a URL.
async function checkSession() {
  const session = await fetch('/api/session', { credentials: 'same-origin' }).then(r => r.json());
  const needed = session.authRequired && !session.authenticated;
  $('login').hidden = !needed;
  $('start').hidden = needed;
}

$('login').addEventListener('submit', async event => {
  event.preventDefault();
  const response = await fetch('/api/session', {
    method: 'POST', credentials: 'same-origin', headers: { Authorization: `Bearer ${$('token').value}` },
  });
  $('token').value = '';
  $('login-error').textContent = response.ok ? '' : 'that token was not accepted';
  if (response.ok) checkSession();
});

checkSession();
buildPanes();
showRecent();
const wanted = new URLSearchParams(location.search).get('generation');
if (wanted) follow(wanted);
