package io.streamgen.gateway.limits;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket: holds up to {@code capacity} tokens and refills {@code perMinute} a minute; a
 * request takes one. Not thread-safe on its own ({@link ClientLimits} locks it).
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int perMinute, long now) {
        this.capacity = perMinute;
        this.perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.tokens = perMinute;
        this.refilledAt = now;
    }

    /** 0 when a token was taken, otherwise the seconds until one will be there (at least 1). */
    long take(long now) {
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / TimeUnit.SECONDS.toNanos(1)));
    }

    /** Whether the bucket is full again (and can be forgotten). */
    boolean full(long now) {
        return tokens + (now - refilledAt) * perNano >= capacity;
    }
}
