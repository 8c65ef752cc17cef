package io.streamgen.coordinator.query;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Checkpoint;
import java.util.List;
import java.util.Optional;

/** Read access to this instance's coordinator stores (the keys it owns). */
public interface GenerationStores {

    Optional<GenerationState> generation(String generationId);

    /** All files of the generation (empty set when it has none yet). */
    FileSet files(String generationId);

    Optional<SourceFile> file(String generationId, String path);

    /** Checkpoints of one generation, by id. */
    List<Checkpoint> checkpoints(String generationId);

    Optional<Checkpoint> checkpoint(String generationId, int checkpointId);

    /** Checkpoint n's manifest, in path order. */
    List<ManifestEntry> manifest(String generationId, int checkpointId);

    /** A stored file version by its key in the blobs store. */
    Optional<SourceFile> blob(String sha256);
}
