// The merged files as a tree of folders: built from the paths alone, folders before files, by name.

/** { name, path, folders: [tree…], files: [path…] } with path '' for the root. */
export function buildTree(paths) {
  const root = { name: '', path: '', folders: [], files: [] };
  const folders = new Map([['', root]]);
  for (const path of [...paths].sort()) {
    const parts = path.split('/');
    let parent = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const folderPath = parts.slice(0, i + 1).join('/');
      let folder = folders.get(folderPath);
      if (!folder) {
        folder = { name: parts[i], path: folderPath, folders: [], files: [] };
        folders.set(folderPath, folder);
        parent.folders.push(folder);
      }
      parent = folder;
    }
    parent.files.push(path);
  }
  const order = node => {
    node.folders.sort((a, b) => a.name.localeCompare(b.name));
    node.files.sort((a, b) => baseName(a).localeCompare(baseName(b)));
    node.folders.forEach(order);
    return node;
  };
  return order(root);
}

export function baseName(path) {
  return path.slice(path.lastIndexOf('/') + 1);
}
