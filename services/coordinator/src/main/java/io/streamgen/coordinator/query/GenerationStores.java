package io.streamgen.coordinator.query;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.schema.Checkpoint;
import java.util.List;
import java.util.Optional;

/** Read access to this instance's coordinator stores (the keys it owns). */
public interface GenerationStores {

    Optional<GenerationState> generation(String generationId);

    Optional<FileSet> files(String generationId);

    /** Checkpoints of one generation, by id. */
    List<Checkpoint> checkpoints(String generationId);

    Optional<Checkpoint> checkpoint(String generationId, int checkpointId);
}
