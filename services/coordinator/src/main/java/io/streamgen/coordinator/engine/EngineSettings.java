package io.streamgen.coordinator.engine;

import io.streamgen.schema.Role;
import java.time.Duration;
import java.util.Map;

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
 * @param speed the roles' speed floors (none: models never change for speed)
 * @param prices what models cost, for the analytics' estimates
 */
public record EngineSettings(int maxHeldChunks, int checkpointEveryStatements, int metricsEveryChunks,
        int latencyWindow, Duration taskDeadline, int maxAttempts, Duration deadlineCheckInterval,
        SizeLimits limits, Map<Role, SpeedRule> speed, Prices prices) {

    public EngineSettings(int maxHeldChunks, int checkpointEveryStatements, int metricsEveryChunks,
            int latencyWindow, Duration taskDeadline, int maxAttempts, Duration deadlineCheckInterval,
            SizeLimits limits) {
        this(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow, taskDeadline, maxAttempts,
                deadlineCheckInterval, limits, Map.of(), Prices.none());
    }

    public EngineSettings(int maxHeldChunks, int checkpointEveryStatements, int metricsEveryChunks,
            int latencyWindow, Duration taskDeadline, int maxAttempts, Duration deadlineCheckInterval) {
        this(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow, taskDeadline, maxAttempts,
                deadlineCheckInterval, SizeLimits.defaults());
    }

    public EngineSettings {
        speed = Map.copyOf(speed);
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
                taskDeadline, maxAttempts, deadlineCheckInterval, newLimits, speed, prices);
    }

    public EngineSettings withSpeed(Map<Role, SpeedRule> newSpeed) {
        return new EngineSettings(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow,
                taskDeadline, maxAttempts, deadlineCheckInterval, limits, newSpeed, prices);
    }

    public EngineSettings withPrices(Prices newPrices) {
        return new EngineSettings(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow,
                taskDeadline, maxAttempts, deadlineCheckInterval, limits, speed, newPrices);
    }
}
