package io.streamgen.agent.buffer;

import java.util.concurrent.TimeUnit;

/**
 * Sizes chunks to the token rate: at r tokens/s a chunk of r × target tokens arrives about every
 * target ms, so a viewer sees the same cadence from a slow local model and a fast hosted one. The
 * rate is an exponentially weighted moving average of the gaps between tokens. A chunk also goes
 * out once 1.5 × target has passed, so a stalling model still shows what it wrote.
 */
final class AdaptiveFlushPolicy implements FlushPolicy {

    private static final double SMOOTHING = 0.2;

    private final long targetNanos;
    private long lastTokenNanos = -1;
    private double averageGapNanos = -1;

    AdaptiveFlushPolicy(long targetMillis) {
        this.targetNanos = TimeUnit.MILLISECONDS.toNanos(targetMillis);
    }

    @Override
    public void onToken(long nanoTime) {
        if (lastTokenNanos >= 0) {
            long gap = Math.max(0, nanoTime - lastTokenNanos);
            averageGapNanos = averageGapNanos < 0 ? gap : SMOOTHING * gap + (1 - SMOOTHING) * averageGapNanos;
        }
        lastTokenNanos = nanoTime;
    }

    @Override
    public boolean shouldFlush(int pendingTokens, long nanosSinceLastFlush) {
        return pendingTokens >= targetTokens() || nanosSinceLastFlush >= targetNanos * 3 / 2;
    }

    /** Tokens expected in one target interval at the current rate; 1 until the rate is known. */
    int targetTokens() {
        if (averageGapNanos <= 0) {
            return averageGapNanos == 0 ? Integer.MAX_VALUE : 1;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, targetNanos / averageGapNanos));
    }
}
