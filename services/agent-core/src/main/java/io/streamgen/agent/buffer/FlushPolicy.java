package io.streamgen.agent.buffer;

/** Decides, at a statement boundary, whether the statements pending so far go out as a chunk now. */
public interface FlushPolicy {

    /** Told of every token's arrival, so that adaptive policies can follow the rate. */
    default void onToken(long nanoTime) {
    }

    boolean shouldFlush(int pendingTokens, long nanosSinceLastFlush);

    /** {@code bufferSize} tokens per chunk, as the task asked. */
    static FlushPolicy fixed(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("bufferSize must be >= 1, was " + tokens);
        }
        return (pending, sinceLast) -> pending >= tokens;
    }

    /** About one chunk every {@code targetMillis} whatever the model's speed. */
    static FlushPolicy adaptive(long targetMillis) {
        return new AdaptiveFlushPolicy(targetMillis);
    }
}
