package io.streamgen.gateway.api;

import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/generations}; everything but the prompt is optional.
 * {@code cache: false} makes every task call its model even when the response cache holds the answer.
 */
public record GenerationRequestBody(String generationId, String prompt, String targetStack, FlagsBody flags,
        BlueprintBody blueprint, String mergeStrategy, Map<String, String> models, String requestedBy,
        Boolean cache) {

    /** The seven flags (DESIGN §3): parallel, bufferSize, preview, checkpoint, optimize, test, verbose. */
    public record FlagsBody(Boolean parallel, Integer bufferSize, Boolean preview, Boolean checkpoint, Boolean optimize,
            Boolean test, Boolean verbose) {
    }

    public record BlueprintBody(String appName, List<EntityBody> entities) {
    }

    public record EntityBody(String name, List<FieldBody> fields) {
    }

    public record FieldBody(String name, String type, Boolean required) {
    }
}
