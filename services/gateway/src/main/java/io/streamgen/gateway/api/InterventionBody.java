package io.streamgen.gateway.api;

/** The JSON body of {@code POST /api/generations/{id}/interventions} (and of a WebSocket intervention). */
public record InterventionBody(String action, String role, String text, String path, String region,
        Integer checkpointId) {
}
