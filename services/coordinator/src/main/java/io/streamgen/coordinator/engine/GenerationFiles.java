package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.engine.store.Keys;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.coordinator.state.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One generation's files while a record is handled, each under its own key: what the record
 * touches is read once and written back at the end, everything else stays in the store. Also the
 * generation's size (what its files weigh now, against the size recorded before the record) and
 * each task's output per file ({@link TaskFileOutput}).
 */
public final class GenerationFiles {

    private final String generationId;
    private final EngineStores stores;
    /** path → the file's stored size when this record first touched it. */
    private final Map<String, Long> weightBefore = new HashMap<>();

    /** The generation's own record of deleted files' versions (see {@code GenerationState.retiredVersions}). */
    private final Map<String, Integer> retiredVersions;

    public GenerationFiles(String generationId, EngineStores stores, Map<String, Integer> retiredVersions) {
        this.generationId = generationId;
        this.stores = stores;
        this.retiredVersions = retiredVersions;
    }

    /** The version the path has reached: its file's, or the one a deleted file at that path had. */
    public int lastVersion(String path) {
        SourceFile file = read(path);
        return file != null ? file.version : retiredVersions.getOrDefault(path, 0);
    }

    /** The file to change (it is written back), or null. */
    public SourceFile file(String path) {
        String key = Keys.file(generationId, path);
        SourceFile file = stores.files.get(key);
        track(path, file);
        if (file != null) {
            stores.files.markDirty(key);
        }
        return file;
    }

    /** The file to read only, or null. */
    public SourceFile read(String path) {
        return stores.files.get(Keys.file(generationId, path));
    }

    public boolean exists(String path) {
        return read(path) != null;
    }

    public SourceFile create(String path) {
        SourceFile existing = file(path);
        if (existing != null) {
            return existing;
        }
        SourceFile file = new SourceFile(path);
        Integer retired = retiredVersions.remove(path);
        if (retired != null) {
            file.version = retired; // created again: its versions go on after the deleted file's
        }
        stores.files.put(Keys.file(generationId, path), file);
        return file;
    }

    /** Puts {@code file} in place of whatever the path held (a restore). */
    public void replace(SourceFile file) {
        retiredVersions.remove(file.path);
        track(file.path, read(file.path));
        stores.files.put(Keys.file(generationId, file.path), file);
    }

    /** Deletes the file; {@code deletedVersion} is the version its deletion is announced with. */
    public void remove(String path, int deletedVersion) {
        SourceFile gone = read(path);
        retiredVersions.merge(path, deletedVersion, Math::max); // a new file at the path starts after it
        track(path, gone);
        stores.files.delete(Keys.file(generationId, path));
    }

    /** Every file in path order (UTF-8), to read only: a whole-generation pass (a checkpoint, the end). */
    public void forEach(BiConsumer<String, SourceFile> files) {
        String prefix = Keys.generation(generationId);
        stores.files.scan(prefix, (key, file) -> files.accept(Keys.pathOf(generationId, key), file));
    }

    public List<String> paths() {
        List<String> paths = new ArrayList<>();
        forEach((path, file) -> paths.add(path));
        return paths;
    }

    /** How much the files this record touched grew (or shrank, negative) in stored bytes. */
    public long growth() {
        long growth = 0;
        for (Map.Entry<String, Long> entry : weightBefore.entrySet()) {
            SourceFile now = read(entry.getKey());
            growth += (now == null ? 0 : now.weight()) - entry.getValue();
        }
        return growth;
    }

    /** The paths this record changed, marked for the next checkpoint. */
    void markChanges() {
        stores.files.forEachDirty(Keys.generation(generationId), (key, file) -> stores.changes.put(key, 1L));
    }

    private void track(String path, SourceFile stored) {
        if (!weightBefore.containsKey(path)) {
            weightBefore.put(path, stored == null ? 0L : stored.weight());
        }
    }

    // ---- a task's output per file

    /** What the task's current attempt did to the file so far (a fresh one when nothing). */
    public TaskFileOutput output(TaskState task, String path) {
        if (!task.hasOutput) {
            return new TaskFileOutput(task.taskId, task.attempt, path);
        }
        TaskFileOutput output = stores.outputs.get(Keys.output(generationId, task.taskId, path));
        return output == null || output.attempt != task.attempt ? new TaskFileOutput(task.taskId, task.attempt, path)
                : output;
    }

    /** Keeps a changed output. */
    public void changed(TaskState task, TaskFileOutput output) {
        task.hasOutput = true;
        stores.outputs.put(Keys.output(generationId, task.taskId, output.path), output);
    }

    /** The current attempt's output, file by file, in path order. */
    public void forEachOutput(TaskState task, Consumer<TaskFileOutput> outputs) {
        if (!task.hasOutput) {
            return;
        }
        List<String> keys = new ArrayList<>();
        stores.outputs.scan(Keys.task(generationId, task.taskId), (key, output) -> {
            if (output.attempt == task.attempt) {
                keys.add(key);
            }
        });
        keys.forEach(key -> outputs.accept(stores.outputs.get(key))); // the buffered copy: callers change it
    }

    /** Forgets everything kept for the task (a finished task, a new attempt, a task planned anew). */
    public void dropOutputs(TaskState task) {
        dropOutputs(task.taskId);
        task.hasOutput = false;
    }

    public void dropOutputs(String taskId) {
        List<String> keys = new ArrayList<>();
        stores.outputs.scan(Keys.task(generationId, taskId), (key, output) -> keys.add(key));
        keys.forEach(stores.outputs::delete);
    }
}
