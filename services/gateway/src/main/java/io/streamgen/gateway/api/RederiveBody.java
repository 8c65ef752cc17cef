package io.streamgen.gateway.api;

/**
 * The JSON body of {@code POST /api/generations/{id}/rederive}: the merge strategy to re-derive
 * with (default: the source's), and an id for the new generation (default: a new one).
 */
public record RederiveBody(String mergeStrategy, Integer fromCheckpoint, String generationId) {
}
