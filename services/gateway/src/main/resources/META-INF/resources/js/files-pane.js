// The merged files as a tree (folders open and close, as <details>), and the chosen file: its
// latest change as a diff and its whole text, highlighted.
import { el, clear, throttled, timeOf } from './dom.js';
import { buildTree, baseName } from './file-tree.js';
import { showDiff } from './diff-view.js';
import { showHighlighted } from './highlight.js';
import { diffStats } from './unified-patch.js';

export class FilesPane {
  constructor({ tree, title, meta, diff, content, count }, store) {
    this.els = { tree, title, meta, diff, content, count };
    this.store = store;
    this.selected = null;
    this.closed = new Set(); // folders the user closed
    this.render = throttled(() => this.draw());
  }

  reset() {
    this.selected = null;
    this.closed.clear();
    this.draw();
  }

  select(path) {
    this.selected = path;
    this.draw();
  }

  draw() {
    const paths = this.store.paths();
    this.els.count.textContent = paths.length ? `(${paths.length})` : '';
    if (this.selected === null && paths.length) this.selected = paths.sort()[0];
    const focused = document.activeElement;
    const refocus = this.els.tree.contains(focused) ? (focused.dataset.path ?? focused.dataset.folder) : null;
    const root = buildTree(paths);
    clear(this.els.tree);
    if (!paths.length) this.els.tree.append(el('p', { className: 'muted' }, 'no files yet'));
    else this.els.tree.append(this.folderList(root));
    if (refocus) this.els.tree.querySelector(`[data-path="${CSS.escape(refocus)}"], [data-folder="${CSS.escape(refocus)}"]`)?.focus();
    this.showSelected();
  }

  folderList(folder) {
    const list = el('ul', { attrs: { role: folder.path ? 'group' : null } });
    for (const sub of folder.folders) {
      const details = el('details', { open: !this.closed.has(sub.path) },
        el('summary', { dataset: { folder: sub.path } }, `${sub.name}/`),
        this.folderList(sub));
      details.addEventListener('toggle', () => {
        if (details.open) this.closed.delete(sub.path);
        else this.closed.add(sub.path);
      });
      list.append(el('li', {}, details));
    }
    for (const path of folder.files) {
      const file = this.store.get(path);
      list.append(el('li', {}, el('button', {
        type: 'button', className: 'file', dataset: { path },
        attrs: { 'aria-current': path === this.selected ? 'true' : null },
        on: { click: () => this.select(path) },
      }, baseName(path), el('span', { className: 'version' }, ` v${file.version}`))));
    }
    return list;
  }

  showSelected() {
    const file = this.selected ? this.store.get(this.selected) : null;
    const { title, meta, diff, content } = this.els;
    if (!file) {
      title.textContent = 'No file chosen';
      meta.textContent = '';
      clear(diff);
      clear(content);
      return;
    }
    title.textContent = file.path;
    const { added, removed } = diffStats(file.diff);
    meta.textContent = [`version ${file.version}`, file.op?.toLowerCase(), file.authors.length ? `by ${file.authors.join(', ')}` : '',
      file.snapshot ? 'snapshot' : `+${added} −${removed}`, timeOf(file.at), file.problem ?? ''].filter(Boolean).join(' · ');
    showDiff(diff, file.diff, file.snapshot ? 'a snapshot: its changes were folded together' : 'no changes');
    if (file.content == null) {
      content.replaceChildren(el('span', { className: 'd-note' }, 'the whole text is not known yet'));
    } else {
      showHighlighted(content, file.content);
    }
  }
}
