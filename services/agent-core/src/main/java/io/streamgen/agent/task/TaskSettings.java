package io.streamgen.agent.task;

import java.time.Duration;

/** How tasks run: limits, retries and the buffer's cadence. */
public record TaskSettings(Duration timeout, int retries, Duration retryBackoff, Duration statusInterval,
                           int hardCapChars, long flushTargetMillis) {

    public static TaskSettings defaults() {
        return new TaskSettings(Duration.ofMinutes(5), 2, Duration.ofSeconds(1), Duration.ofMillis(500), 4096, 100);
    }
}
