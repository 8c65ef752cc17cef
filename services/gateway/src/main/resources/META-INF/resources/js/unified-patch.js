// The unified diffs of file-changed events: applied to a file's previous text to get the next one
// (the coordinator sends a modified file's diff, not its content), and split into lines for display.
// Lines are the text split on "\n" (an empty text has none), as the coordinator's diffs count them.
// Hunk numbers follow java-diff-utils, which writes them: "-S,0" inserts before line S.
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export class PatchError extends Error {}

/** `before` with `diff` applied; throws PatchError when it does not fit. */
export function applyPatch(before, diff) {
  if (!diff) return before;
  const old = before === '' ? [] : before.split('\n');
  const lines = diff.split('\n');
  const out = [];
  let next = 0; // index into old of the next line not yet copied
  let i = 0;
  while (i < lines.length) {
    const hunk = HUNK.exec(lines[i]);
    if (!hunk) { i++; continue; } // ---/+++ headers, the trailing empty string
    const oldStart = Number(hunk[1]);
    const oldCount = hunk[2] === undefined ? 1 : Number(hunk[2]);
    const newCount = hunk[4] === undefined ? 1 : Number(hunk[4]);
    const from = Math.max(0, oldStart - 1);
    if (from < next || from > old.length) {
      throw new PatchError(`hunk ${lines[i]} does not fit a file of ${old.length} lines`);
    }
    out.push(...old.slice(next, from));
    next = from;
    i++;
    let removed = 0;
    let added = 0;
    while (removed < oldCount || added < newCount) {
      if (i >= lines.length) throw new PatchError('a hunk is cut short');
      const line = lines[i++];
      const kind = line === '' ? ' ' : line[0];
      const text = line.slice(1);
      if (kind === ' ' || kind === '-') {
        if (next >= old.length || old[next] !== text) {
          throw new PatchError(`line ${next + 1} is not what the diff expects`);
        }
        next++;
        removed++;
        if (kind === ' ') { out.push(text); added++; }
      } else if (kind === '+') {
        out.push(text);
        added++;
      } else if (kind !== '\\') {
        throw new PatchError(`not a line of a hunk: ${line.slice(0, 40)}`);
      }
    }
  }
  out.push(...old.slice(next));
  return out.join('\n');
}

/** The diff's lines for display: { kind: 'file' | 'hunk' | 'add' | 'del' | 'context' | 'note', text }. */
export function diffLines(diff) {
  if (!diff) return [];
  const lines = diff.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out = [];
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of lines) {
    const hunk = HUNK.exec(line);
    if (hunk && oldLeft <= 0 && newLeft <= 0) {
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      out.push({ kind: 'hunk', text: line });
    } else if (oldLeft > 0 || newLeft > 0) {
      const kind = line === '' ? ' ' : line[0];
      if (kind === '+') { newLeft--; out.push({ kind: 'add', text: line }); }
      else if (kind === '-') { oldLeft--; out.push({ kind: 'del', text: line }); }
      else if (kind === '\\') out.push({ kind: 'note', text: line });
      else { oldLeft--; newLeft--; out.push({ kind: 'context', text: line }); }
    } else {
      out.push({ kind: line.startsWith('---') || line.startsWith('+++') ? 'file' : 'note', text: line });
    }
  }
  return out;
}

/** Lines added and removed. */
export function diffStats(diff) {
  let added = 0;
  let removed = 0;
  for (const line of diffLines(diff)) {
    if (line.kind === 'add') added++;
    else if (line.kind === 'del') removed++;
  }
  return { added, removed };
}
