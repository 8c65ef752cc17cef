package io.streamgen.bench.stack;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A point in time every wait of the harness ends by. */
record Deadline(long atNanos) {

    static Deadline in(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }

    long millisLeft() {
        return Math.max(0, (atNanos - System.nanoTime()) / 1_000_000);
    }

    /** Throws when the deadline has passed, naming what did not happen in time. */
    void check(String what) throws TimeoutException {
        if (passed()) {
            throw new TimeoutException(what);
        }
    }
}
