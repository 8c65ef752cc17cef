package io.streamgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway's RFC 9457 problem answer, read for a person: its detail (or title), then each field
 * error as {@code field: message}. A body that is not a problem is said as it is.
 */
record GatewayProblem(int status, String detail, List<String> fieldErrors) {

    static GatewayProblem of(int status, String body) {
        try {
            JsonNode problem = StreamedEvent.JSON.readTree(body == null ? "" : body);
            if (problem != null && (problem.has("detail") || problem.has("title"))) {
                List<String> errors = new ArrayList<>();
                for (JsonNode error : problem.path("errors")) {
                    errors.add(error.path("field").asText("?") + ": " + error.path("message").asText(""));
                }
                String detail = problem.hasNonNull("detail") ? problem.path("detail").asText()
                        : problem.path("title").asText();
                return new GatewayProblem(status, detail, errors);
            }
        } catch (IOException notJson) {
            // said as it is
        }
        return new GatewayProblem(status, body == null || body.isBlank() ? "HTTP " + status : body.strip(), List.of());
    }

    /** The detail, with the field errors after it. */
    String say() {
        return fieldErrors.isEmpty() ? detail : detail + " (" + String.join("; ", fieldErrors) + ")";
    }
}
