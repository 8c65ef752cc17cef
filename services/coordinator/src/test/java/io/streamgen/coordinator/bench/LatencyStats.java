package io.streamgen.coordinator.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies in nanoseconds, printed in milliseconds. */
final class LatencyStats {

    private final long[] sorted;

    LatencyStats(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    double percentileMillis(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    @Override
    public String toString() {
        return String.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)", percentileMillis(0.50),
                percentileMillis(0.90), percentileMillis(0.99), percentileMillis(1.0), sorted.length);
    }
}
