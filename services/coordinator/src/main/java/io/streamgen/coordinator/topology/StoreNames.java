package io.streamgen.coordinator.topology;

/**
 * The coordinator's state stores; tests and interactive queries use these names. No value holds a
 * whole generation (DESIGN §5 "State per key, bounded records"): the largest is one file's.
 */
public final class StoreNames {

    /** generationId → GenerationState (JSON): the per-generation state machine, without file text. */
    public static final String GENERATIONS = "generations";
    /** generationId → GenerationRequested: the request as it arrived. */
    public static final String REQUESTS = "requests";
    /** generationId/path → SourceFile (JSON): one merged file with its regions. */
    public static final String FILES = "files";
    /** generationId/taskId/path → TaskFileOutput (JSON): what a running task did to one file (to take it back or merge it). */
    public static final String TASK_OUTPUT = "task-output";
    /** generationId/path → 1: the files changed since the generation's last checkpoint. */
    public static final String CHANGES = "changes";
    /** sha256 → SourceFile (JSON): one stored version of a file, shared by every checkpoint it is unchanged in. */
    public static final String BLOBS = "blobs";
    /** generationId/checkpointId/path → ManifestEntry (JSON): checkpoint n as path → version, sha256, blob. */
    public static final String MANIFESTS = "manifests";
    /** generationId/checkpointId → Checkpoint: what is published to streamgen.checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";

    /**
     * generationId → wall-clock ms when one of its tasks may next be silent past its deadline: only
     * running generations with a released, unpaused task are in it, so the deadline check reads
     * what runs now, never every generation ever stored.
     */
    public static final String DEADLINES = "deadlines";

    private StoreNames() {
    }
}
