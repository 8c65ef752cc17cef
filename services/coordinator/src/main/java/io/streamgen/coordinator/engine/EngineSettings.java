package io.streamgen.coordinator.engine;

import java.time.Duration;

/**
 * Tunables of the engine.
 *
 * @param maxHeldChunks chunks held per task behind a gap before the gap is given up on
 * @param checkpointEveryStatements with the checkpoint flag, a checkpoint every N complete statements
 * @param metricsEveryChunks with the verbose flag, a MetricsSnapshot every N chunks (and after each phase)
 * @param latencyWindow how many recent chunk latencies the snapshot's percentiles are taken over
 * @param taskDeadline how long a released task may go without a sign of life (a chunk or status of
 *        its current attempt) before it is issued again
 * @param maxAttempts how many attempts of a task may go silent before the task fails
 * @param deadlineCheckInterval how often (wall clock) the coordinator looks for silent tasks
 * @param limits how big a file and a generation may grow
 */
public record EngineSettings(int maxHeldChunks, int checkpointEveryStatements, int metricsEveryChunks,
        int latencyWindow, Duration taskDeadline, int maxAttempts, Duration deadlineCheckInterval,
        SizeLimits limits) {

    public EngineSettings(int maxHeldChunks, int checkpointEveryStatements, int metricsEveryChunks,
            int latencyWindow, Duration taskDeadline, int maxAttempts, Duration deadlineCheckInterval) {
        this(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow, taskDeadline, maxAttempts,
                deadlineCheckInterval, SizeLimits.defaults());
    }

    public EngineSettings {
        if (taskDeadline.isNegative() || taskDeadline.isZero() || maxAttempts < 1
                || deadlineCheckInterval.isNegative() || deadlineCheckInterval.isZero()) {
            throw new IllegalArgumentException("task-deadline and deadline-check-interval must be positive and"
                    + " max-attempts at least 1: " + taskDeadline + ", " + deadlineCheckInterval + ", " + maxAttempts);
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(1000, 50, 100, 256, Duration.ofSeconds(60), 3, Duration.ofSeconds(1));
    }

    public EngineSettings withLimits(SizeLimits newLimits) {
        return new EngineSettings(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow,
                taskDeadline, maxAttempts, deadlineCheckInterval, newLimits);
    }
}
