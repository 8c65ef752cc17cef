package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.schema.Checkpoint;
import java.util.Optional;

/** The checkpoints of all generations: the published record and the exact file set behind it. */
public interface CheckpointStore {

    void put(Checkpoint checkpoint, FileSet snapshot);

    Optional<Checkpoint> checkpoint(String generationId, int checkpointId);

    Optional<FileSet> snapshot(String generationId, int checkpointId);
}
