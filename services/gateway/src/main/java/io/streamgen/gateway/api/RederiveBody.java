package io.streamgen.gateway.api;

/**
 * The JSON body of {@code POST /api/generations/{id}/rederive}: the merge strategy to re-derive
 * with (default: the source's), the source's checkpoint to start from (default: none, the whole
 * source again), and an id for the new generation (default: a new one).
 */
public record RederiveBody(String mergeStrategy, Integer fromCheckpoint, String generationId) {
}
