// The checkpoint timeline: every checkpoint of the open generation with its rollback and "replay
// from here", and two of them compared file by file (the gateway diffs them).
import { getJson, generationPath } from './api.js';
import { el, clear, timeOf } from './dom.js';
import { showDiff } from './diff-view.js';
import { diffStats } from './unified-patch.js';

export class CheckpointsPane {
  constructor({ list, from, to, form, status, result, replayFrom }, { onRollback, onReplay }) {
    this.els = { list, from, to, form, status, result, replayFrom };
    this.onRollback = onRollback;
    this.onReplay = onReplay;
    this.checkpoints = [];
    this.generationId = null;
    this.actionsEnabled = true;
    this.chosen = false; // the user picked the two to compare: new checkpoints keep that choice
    for (const select of [from, to]) select.addEventListener('change', () => { this.chosen = true; });
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.compare(Number(from.value), Number(to.value));
    });
  }

  reset(generationId) {
    this.generationId = generationId;
    this.checkpoints = [];
    this.chosen = false;
    clear(this.els.result);
    this.els.status.textContent = '';
    this.draw();
  }

  /** A checkpoint-taken event (or a rolled-back one, shown in the timeline). */
  add(event) {
    if (event.type === 'checkpoint-taken') {
      const p = event.payload;
      this.checkpoints = this.checkpoints.filter(c => c.checkpointId !== p.checkpointId);
      this.checkpoints.push({ checkpointId: p.checkpointId, phase: p.phase, label: p.label, files: p.files ?? [], at: event.at });
      this.checkpoints.sort((a, b) => a.checkpointId - b.checkpointId);
    } else if (event.type === 'rolled-back') {
      const target = this.checkpoints.find(c => c.checkpointId === event.payload.checkpointId);
      if (target) target.rolledBackAt = event.at;
    }
    this.draw();
  }

  /** Rollback and replay buttons are off while a replay runs. */
  enableActions(enabled) {
    this.actionsEnabled = enabled;
    this.draw();
  }

  draw() {
    const { list, from, to, replayFrom } = this.els;
    clear(list);
    if (!this.checkpoints.length) list.append(el('li', { className: 'muted' }, 'no checkpoints yet'));
    for (const c of this.checkpoints) {
      list.append(el('li', { dataset: { checkpoint: c.checkpointId } },
        el('strong', {}, `#${c.checkpointId}`), ` ${c.phase} — ${c.label || 'checkpoint'} · ${c.files.length} files · ${timeOf(c.at)}`,
        c.rolledBackAt ? el('span', { className: 'muted' }, ` · rolled back to at ${timeOf(c.rolledBackAt)}`) : '',
        el('span', { className: 'buttons' },
          el('button', { type: 'button', className: 'rollback', disabled: !this.actionsEnabled,
            on: { click: () => this.onRollback(c.checkpointId) } }, `Roll back to #${c.checkpointId}`),
          el('button', { type: 'button', className: 'replay-from', disabled: !this.actionsEnabled,
            on: { click: () => this.onReplay(c.checkpointId) } }, `Replay from #${c.checkpointId}`))));
    }
    const keep = [from.value, to.value, replayFrom.value];
    const options = () => this.checkpoints.map(c => el('option', { value: String(c.checkpointId) }, `#${c.checkpointId} ${c.label || c.phase}`));
    from.replaceChildren(...options());
    to.replaceChildren(...options());
    replayFrom.replaceChildren(el('option', { value: '' }, 'the start'), ...options());
    const ids = this.checkpoints.map(c => String(c.checkpointId));
    const chosen = this.chosen && ids.includes(keep[0]) && ids.includes(keep[1]);
    from.value = chosen ? keep[0] : ids[Math.max(0, ids.length - 2)] ?? '';
    to.value = chosen ? keep[1] : ids[ids.length - 1] ?? '';
    replayFrom.value = ids.includes(keep[2]) ? keep[2] : '';
    this.els.form.querySelector('button').disabled = this.checkpoints.length < 2;
  }

  async compare(a, b) {
    const { status, result } = this.els;
    if (!(a >= 1 && b >= 1)) return;
    status.textContent = `comparing #${a} with #${b}…`;
    clear(result);
    try {
      const diff = await getJson(generationPath(this.generationId, 'checkpoints', a, 'diff', b));
      status.textContent = diff.files.length
        ? `#${a} → #${b}: ${diff.files.length} files changed, ${diff.unchanged.length} unchanged`
        : `#${a} and #${b} have the same files`;
      for (const file of diff.files) {
        const { added, removed } = diffStats(file.diff);
        const pre = el('pre', { className: 'diff' });
        if (file.diff == null) pre.append(el('span', { className: 'd-note' }, file.detail ?? 'no diff'));
        else showDiff(pre, file.diff);
        result.append(el('details', { open: true, className: 'file-diff', dataset: { path: file.path } },
          el('summary', {}, el('span', { className: 'mono' }, file.path), ` ${file.change}`,
            file.diff == null ? '' : ` +${added} −${removed}`), pre));
      }
    } catch (error) {
      status.textContent = `cannot compare the checkpoints: ${error.message}`;
    }
  }
}
