// The list of running and recent generations in the sidebar: loaded from the gateway, kept live by
// the firehose (unnamed events, filtered to the ones that change the list), each entry a link
// (/?generation=<id>) that opens it here.
import { getJson } from './api.js';
import { el, clear, throttled } from './dom.js';
import { GenerationList, LIST_TYPES } from './generation-list.js';

const LIMIT = 50;

export class GenerationsPane {
  constructor(listEl, statusEl, onOpen) {
    this.listEl = listEl;
    this.statusEl = statusEl;
    this.onOpen = onOpen;
    this.list = new GenerationList(LIMIT);
    this.current = null;
    this.source = null;
    this.render = throttled(() => this.draw());
  }

  /** Loads the list and follows the firehose; a reconnect loads the list again (the firehose goes on from now). */
  start() {
    if (this.source) return;
    const source = new EventSource(`/api/stream-generation?types=${LIST_TYPES.join(',')}`, { withCredentials: true });
    this.source = source;
    let opened = false;
    source.onopen = () => {
      this.load(opened ? 'reconnected' : null);
      opened = true;
    };
    source.onerror = () => { this.statusEl.textContent = 'live updates interrupted; reconnecting…'; };
    source.onmessage = message => {
      if (this.list.apply(JSON.parse(message.data))) this.render();
    };
  }

  async load(why) {
    try {
      this.list.load(await getJson(`/api/generations?limit=${LIMIT}`));
      this.statusEl.textContent = why ? `live (${why})` : '';
      this.render();
    } catch (error) {
      this.statusEl.textContent = `cannot load the generations: ${error.message}`;
    }
  }

  /** Marks the open generation. */
  setCurrent(id) {
    this.current = id;
    this.render();
  }

  /** What the list knows of a generation (null when it does not list it). */
  get(id) {
    return this.list.get(id) ?? null;
  }

  draw() {
    const entries = this.list.sorted();
    const focused = document.activeElement?.dataset?.generation;
    clear(this.listEl);
    if (!entries.length) {
      this.listEl.append(el('li', { className: 'muted' }, 'none yet'));
    }
    for (const g of entries) {
      const link = el('a', {
        href: `/?generation=${encodeURIComponent(g.generationId)}`, className: 'generation',
        title: g.generationId, dataset: { generation: g.generationId },
        attrs: { 'aria-current': g.generationId === this.current ? 'page' : null },
        on: {
          click: event => {
            if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            this.onOpen(g.generationId);
          },
        },
      },
      el('span', { className: 'prompt' }, g.prompt || g.generationId),
      el('span', { className: 'meta' },
        el('span', { className: `state ${g.state}` }, g.state),
        g.phase ? ` ${g.phase.toLowerCase()}` : '',
        g.requestedBy ? ` · ${g.requestedBy}` : '',
        g.startedAt ? ` · ${new Date(g.startedAt).toLocaleString()}` : ''));
      this.listEl.append(el('li', {}, link));
      if (focused === g.generationId) link.focus();
    }
  }
}
