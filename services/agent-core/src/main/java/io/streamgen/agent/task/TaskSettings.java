package io.streamgen.agent.task;

import java.time.Duration;

/**
 * How tasks run: limits, retries, deadlines and the buffer's cadence.
 *
 * @param timeout a model call that has not finished by then is abandoned and continued
 * @param firstTokenTimeout a stream without its first token by then is abandoned and continued
 * @param interTokenTimeout a stream silent for this long after a token is abandoned and continued
 * @param heartbeatInterval a status at least this often while a task runs, tokens or not
 */
public record TaskSettings(Duration timeout, int retries, Duration retryBackoff, Duration statusInterval,
                           int hardCapChars, long flushTargetMillis, Duration firstTokenTimeout,
                           Duration interTokenTimeout, Duration heartbeatInterval) {

    public static TaskSettings defaults() {
        return new TaskSettings(Duration.ofMinutes(5), 2, Duration.ofSeconds(1), Duration.ofMillis(500), 4096, 100,
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
}
