package io.streamgen.gateway.publish;

import java.security.SecureRandom;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Generation ids are UUIDv7 (RFC 9562): the first 48 bits are the creation time in epoch millis,
 * so any gateway can find a generation's first event by time even if another one created it.
 */
public final class GenerationIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GenerationIds() {
    }

    public static String next(long epochMillis) {
        long high = (epochMillis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The creation time of a UUIDv7 id; empty for any other id. */
    public static OptionalLong timeOf(String generationId) {
        try {
            UUID uuid = UUID.fromString(generationId);
            return uuid.version() == 7 ? OptionalLong.of(uuid.getMostSignificantBits() >>> 16) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
