// A unified diff shown line by line, coloured by kind (added, removed, hunk header, context).
import { diffLines } from './unified-patch.js';

export function showDiff(target, diff, empty = 'no changes') {
  const fragment = document.createDocumentFragment();
  const lines = diffLines(diff);
  if (!lines.length) {
    const note = document.createElement('span');
    note.className = 'd-note';
    note.textContent = empty;
    fragment.append(note);
  }
  for (const line of lines) {
    const span = document.createElement('span');
    span.className = `d-${line.kind}`;
    span.textContent = line.text || ' ';
    fragment.append(span);
  }
  target.replaceChildren(fragment);
}
