package io.streamgen.coordinator.state;

import java.util.Map;
import java.util.TreeMap;

/** The merged files of one generation, by path. Persisted as JSON in the files store. */
public class FileSet {
    public TreeMap<String, SourceFile> files = new TreeMap<>();

    public SourceFile file(String path) {
        return files.get(path);
    }

    public FileSet copy() {
        FileSet copy = new FileSet();
        files.forEach((path, file) -> copy.files.put(path, file.copy()));
        return copy;
    }

    public Map<String, String> contents() {
        Map<String, String> contents = new TreeMap<>();
        files.forEach((path, file) -> contents.put(path, file.content()));
        return contents;
    }
}
