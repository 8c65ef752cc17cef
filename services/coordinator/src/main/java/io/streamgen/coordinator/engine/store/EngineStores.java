package io.streamgen.coordinator.engine.store;

import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.schema.Checkpoint;

/**
 * The per-key stores the engine works on while it handles one record, each buffered
 * ({@link BufferedKeyValues}): {@link #flush()} writes what the record changed, {@link #discard()}
 * forgets it. Keys (see {@link Keys}): files and changes by {@code generationId/path}, task output by
 * {@code generationId/taskId/path}, manifests by {@code generationId/checkpointId/path}, checkpoints by
 * {@code generationId/checkpointId}, blobs by sha256.
 */
public final class EngineStores {

    public final BufferedKeyValues<SourceFile> files;
    public final BufferedKeyValues<TaskFileOutput> outputs;
    /** Paths written since the generation's last checkpoint: a checkpoint stores only these again. */
    public final BufferedKeyValues<Long> changes;
    public final BufferedKeyValues<SourceFile> blobs;
    public final BufferedKeyValues<ManifestEntry> manifests;
    public final BufferedKeyValues<Checkpoint> checkpoints;

    public EngineStores(KeyValues<SourceFile> files, KeyValues<TaskFileOutput> outputs, KeyValues<Long> changes,
            KeyValues<SourceFile> blobs, KeyValues<ManifestEntry> manifests, KeyValues<Checkpoint> checkpoints) {
        this.files = new BufferedKeyValues<>(files);
        this.outputs = new BufferedKeyValues<>(outputs);
        this.changes = new BufferedKeyValues<>(changes);
        this.blobs = new BufferedKeyValues<>(blobs);
        this.manifests = new BufferedKeyValues<>(manifests);
        this.checkpoints = new BufferedKeyValues<>(checkpoints);
    }

    public void flush() {
        files.flush();
        outputs.flush();
        changes.flush();
        blobs.flush();
        manifests.flush();
        checkpoints.flush();
    }

    public void discard() {
        files.discard();
        outputs.discard();
        changes.discard();
        blobs.discard();
        manifests.discard();
        checkpoints.discard();
    }
}
