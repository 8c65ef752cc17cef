package io.streamgen.coordinator.topology;

/** The coordinator's state stores; tests and interactive queries use these names. */
public final class StoreNames {

    /** generationId → GenerationState (JSON): the per-generation state machine. */
    public static final String GENERATIONS = "generations";
    /** generationId → GenerationRequested: the request as it arrived. */
    public static final String REQUESTS = "requests";
    /** generationId → FileSet (JSON): the merged files with their regions. */
    public static final String FILES = "files";
    /** generationId/checkpointId → Checkpoint: what is published to streamgen.checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** generationId/checkpointId → FileSet (JSON): the exact file set a rollback restores. */
    public static final String CHECKPOINT_FILES = "checkpoint-files";

    /**
     * generationId → wall-clock ms when one of its tasks may next be silent past its deadline: only
     * running generations with a released, unpaused task are in it, so the deadline check reads
     * what runs now, never every generation ever stored.
     */
    public static final String DEADLINES = "deadlines";

    private StoreNames() {
    }
}
