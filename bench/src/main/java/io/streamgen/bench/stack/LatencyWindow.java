package io.streamgen.bench.stack;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, recorded only while the window is open (a level's warm-up and
 * wind-down stay out). Safe to record from many threads.
 */
final class LatencyWindow {

    /** Up to an hour, 3 significant digits. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final AtomicLong negative = new AtomicLong();
    private volatile boolean open;

    void open() {
        open = true;
    }

    void close() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    /** Records one latency if the window is open; a negative one (clock steps, ms rounding) counts as 0. */
    void record(long micros) {
        if (!open) {
            return;
        }
        if (micros < 0) {
            negative.incrementAndGet();
            micros = 0;
        }
        histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    Histogram histogram() {
        return histogram.copy();
    }

    long negative() {
        return negative.get();
    }
}
