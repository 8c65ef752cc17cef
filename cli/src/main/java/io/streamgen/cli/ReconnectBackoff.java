package io.streamgen.cli;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before reconnecting to a stream: from the server's {@code retry:} (else 500 ms),
 * doubling after each failed try up to a cap, with jitter (a random half of the delay) so that the
 * clients of a restarted gateway do not all come back in the same instant.
 */
final class ReconnectBackoff {

    static final Duration DEFAULT_INITIAL = Duration.ofMillis(500);
    static final Duration CAP = Duration.ofSeconds(5);
    /** A {@code retry: 0} must not become a busy loop. */
    static final Duration MIN = Duration.ofMillis(100);

    private final DoubleSupplier random;
    private long initialMillis = DEFAULT_INITIAL.toMillis();
    private int failures;

    ReconnectBackoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The stream's {@code retry:} field: the server's own idea of the first delay. */
    void serverRetry(long millis) {
        if (millis >= 0) {
            initialMillis = Math.max(MIN.toMillis(), Math.min(millis, CAP.toMillis()));
        }
    }

    /** The stream delivered events again: the next outage starts from the first delay. */
    void reset() {
        failures = 0;
    }

    /** The delay before the next try; each call counts one more failed try. */
    Duration next() {
        long ceiling = initialMillis << Math.min(failures, 16);
        long delay = Math.min(CAP.toMillis(), ceiling);
        failures++;
        return Duration.ofMillis(delay / 2 + (long) (random.getAsDouble() * (delay - delay / 2)));
    }
}
