// The merged files of the open generation, kept from its file-changed events: each file's latest
// change (its unified diff, version, authors) and its whole text. A new file or a snapshot carries
// its content; a modification carries only its diff, which is applied to the text before it.
import { applyPatch, PatchError } from './unified-patch.js';

export class FileStore {
  constructor() {
    this.files = new Map(); // path → { path, version, op, diff, content, authors, deleted, at, snapshot }
  }

  clear() {
    this.files.clear();
  }

  /**
   * Takes one file-changed event. Returns the file; its `content` is null when it is not known
   * (a diff that does not fit, a coalesced snapshot without content): the caller fetches it.
   */
  apply(event) {
    const p = event.payload ?? {};
    const before = this.files.get(p.path);
    const file = {
      path: p.path, version: p.version, op: p.op, diff: p.diff ?? '', authors: p.authors ?? [],
      deleted: p.op === 'DELETED', at: event.at, snapshot: !!event.snapshot, content: null, problem: null,
    };
    if (file.deleted) {
      file.content = '';
    } else if (p.content != null) {
      file.content = p.content; // a new file, a snapshot, a file restored by a rollback
    } else if (event.snapshot) {
      file.problem = 'its content was not sent with the snapshot';
    } else if (before?.content != null && !before.deleted) {
      try {
        file.content = applyPatch(before.content, file.diff);
      } catch (error) {
        if (!(error instanceof PatchError)) throw error;
        file.problem = `its diff does not apply to version ${before.version}: ${error.message}`;
      }
    } else {
      file.problem = 'its earlier content was not seen';
    }
    this.files.set(p.path, file);
    return file;
  }

  /** Sets a file's content fetched from the gateway (when it is still the same version). */
  fill(path, version, content) {
    const file = this.files.get(path);
    if (file && file.version === version) {
      file.content = content;
      file.problem = null;
    }
    return file;
  }

  get(path) {
    return this.files.get(path);
  }

  paths() {
    return [...this.files.keys()].filter(path => !this.files.get(path).deleted);
  }
}
