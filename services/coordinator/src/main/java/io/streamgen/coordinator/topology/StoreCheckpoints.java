package io.streamgen.coordinator.topology;

import io.streamgen.coordinator.engine.CheckpointStore;
import io.streamgen.coordinator.state.FileSet;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.topic.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Checkpoints in the two stores. Writes are buffered until {@link #flush()}, so that a record
 * whose handling fails leaves no half-written checkpoint behind.
 */
final class StoreCheckpoints implements CheckpointStore {

    private final KeyValueStore<String, Checkpoint> checkpoints;
    private final KeyValueStore<String, FileSet> snapshots;
    private final Map<String, Checkpoint> pendingCheckpoints = new LinkedHashMap<>();
    private final Map<String, FileSet> pendingSnapshots = new LinkedHashMap<>();

    StoreCheckpoints(KeyValueStore<String, Checkpoint> checkpoints, KeyValueStore<String, FileSet> snapshots) {
        this.checkpoints = checkpoints;
        this.snapshots = snapshots;
    }

    @Override
    public void put(Checkpoint checkpoint, FileSet snapshot) {
        String key = Topics.checkpointKey(checkpoint.getGenerationId(), checkpoint.getCheckpointId());
        pendingCheckpoints.put(key, checkpoint);
        pendingSnapshots.put(key, snapshot);
    }

    @Override
    public Optional<Checkpoint> checkpoint(String generationId, int checkpointId) {
        String key = Topics.checkpointKey(generationId, checkpointId);
        return Optional.ofNullable(pendingCheckpoints.getOrDefault(key, checkpoints.get(key)));
    }

    @Override
    public Optional<FileSet> snapshot(String generationId, int checkpointId) {
        String key = Topics.checkpointKey(generationId, checkpointId);
        return Optional.ofNullable(pendingSnapshots.getOrDefault(key, snapshots.get(key)));
    }

    void flush() {
        pendingCheckpoints.forEach(checkpoints::put);
        pendingSnapshots.forEach(snapshots::put);
        discard();
    }

    void discard() {
        pendingCheckpoints.clear();
        pendingSnapshots.clear();
    }
}
