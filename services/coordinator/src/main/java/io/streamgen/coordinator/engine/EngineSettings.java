package io.streamgen.coordinator.engine;

/**
 * Tunables of the engine.
 *
 * @param maxHeldChunks chunks held per task behind a gap before the gap is given up on
 * @param checkpointEveryStatements with the checkpoint flag, a checkpoint every N complete statements
 * @param metricsEveryChunks with the verbose flag, a MetricsSnapshot every N chunks (and after each phase)
 * @param latencyWindow how many recent chunk latencies the snapshot's percentiles are taken over
 */
public record EngineSettings(int maxHeldChunks, int checkpointEveryStatements, int metricsEveryChunks,
        int latencyWindow) {

    public static EngineSettings defaults() {
        return new EngineSettings(1000, 50, 100, 256);
    }
}
