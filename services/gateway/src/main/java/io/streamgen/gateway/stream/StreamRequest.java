package io.streamgen.gateway.stream;

import io.streamgen.gateway.hub.EventPosition;
import java.util.Locale;

/**
 * What a client asked to follow: one generation (or all, when {@code generationId} is null), from
 * its first event, after an event id, or from a checkpoint; filtered and viewed as
 * {@code filter} says; in the full encoding or the {@link CompactJson compact} one.
 */
public record StreamRequest(String generationId, EventPosition after, Integer fromCheckpoint, EventFilter filter,
        boolean compact) {

    public StreamRequest(String generationId, EventPosition after, Integer fromCheckpoint, EventFilter filter) {
        this(generationId, after, fromCheckpoint, filter, false);
    }

    /** {@code full} (the default) or {@code compact}; anything else is the client's error. */
    public static boolean compact(String encoding) {
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("full")) {
            return false;
        }
        if (encoding.trim().toLowerCase(Locale.ROOT).equals("compact")) {
            return true;
        }
        throw new IllegalArgumentException("unknown encoding '" + encoding + "'; known: full, compact");
    }
}
