// One pane per agent: its task's state, tokens and progress bar, and the code it is writing (its
// drafts as they stream, then the merged file), highlighted.
import { showHighlighted } from './highlight.js';
import { el, clear } from './dom.js';

export const ROLES = ['UI', 'LOGIC', 'API', 'OPTIMIZATION', 'TESTING'];

export class AgentPanes {
  constructor(container) {
    this.container = container;
    this.panes = {};
  }

  reset() {
    clear(this.container);
    this.panes = {};
    for (const role of ROLES) {
      const pane = el('article', { className: 'agent', id: `agent-${role.toLowerCase()}`, attrs: { 'aria-label': `${role} agent` } },
        el('header', {}, el('strong', {}, role), el('span', { className: 'state' }, 'idle'), el('span', { className: 'tokens' }),
          el('span', { className: 'path' })),
        el('div', { className: 'bar' }, el('div', { style: 'width:0' })),
        el('ol', { className: 'notes', attrs: { 'aria-label': `${role} agent's model changes and notes` } }),
        el('pre', { className: 'code', tabIndex: 0, attrs: { 'aria-label': `${role} agent's code` } }, el('code')));
      this.container.append(pane);
      this.panes[role] = { el: pane, path: null, text: '' };
    }
  }

  /** A task-state-changed event. */
  task(payload) {
    const pane = this.panes[payload.role];
    if (!pane) return;
    pane.el.querySelector('.state').textContent = `${payload.phase} ${payload.state}`;
    pane.el.querySelector('.tokens').textContent = `${payload.tokens} tok${payload.model ? ` · ${payload.model}` : ''}`;
    const done = ['DONE', 'FAILED', 'CANCELLED'].includes(payload.state);
    pane.el.querySelector('.bar > div').style.width = done ? '100%' : `${Math.min(95, payload.tokens / 20)}%`;
  }

  /** A line in the agent's timeline (a model change, a cached answer, a trimmed context), newest last. */
  note(role, text, kind) {
    const pane = this.panes[role];
    if (!pane) return;
    const notes = pane.el.querySelector('.notes');
    notes.append(el('li', { className: kind }, text));
    while (notes.children.length > 20) notes.firstChild.remove();
  }

  /** A draft-chunk event: its text goes after what the pane shows of the same file. */
  draft(event) {
    const pane = this.panes[event.payload.role];
    // a coalesced snapshot carries the joined text of the drafts this client had not received yet
    const base = pane && pane.path === event.payload.path ? pane.text : '';
    this.show(event.payload.role, event.payload.path, base + (event.truncated ? '' : event.payload.text));
  }

  show(role, path, text) {
    const pane = this.panes[role];
    if (!pane) return;
    pane.path = path;
    pane.text = text;
    pane.el.querySelector('.path').textContent = path ?? '';
    const pre = pane.el.querySelector('pre');
    showHighlighted(pre.querySelector('code'), text);
    pre.scrollTop = pre.scrollHeight;
  }
}
