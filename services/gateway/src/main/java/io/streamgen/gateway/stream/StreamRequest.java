package io.streamgen.gateway.stream;

import io.streamgen.gateway.hub.EventPosition;

/**
 * What a client asked to follow: one generation (or all, when {@code generationId} is null), from
 * its first event, after an event id, or from a checkpoint; filtered by type and role.
 */
public record StreamRequest(String generationId, EventPosition after, Integer fromCheckpoint, EventFilter filter) {
}
