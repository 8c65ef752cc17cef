package io.streamgen.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgen.gateway.api.RequestValidator;
import io.streamgen.gateway.hub.EventPosition;
import io.streamgen.gateway.stream.EventFilter;
import io.streamgen.gateway.stream.StreamRequest;

/**
 * {@code {"action":"subscribe","generationId":…,"from":…,"types":…,"roles":…}} as a stream request;
 * without {@code generationId}, every generation from now on (as a socket gets before it subscribes),
 * filtered by {@code types} and {@code roles}. A bad field throws IllegalArgumentException (or
 * ProblemException for the id) naming it, before anything changes for the socket.
 */
final class SubscribeMessage {

    private SubscribeMessage() {
    }

    static StreamRequest parse(JsonNode message) {
        String generationId = text(message, "generationId");
        String from = text(message, "from");
        EventFilter filter = EventFilter.parse(text(message, "types"), text(message, "roles"), text(message, "view"),
                text(message, "paths"));
        boolean compact = StreamRequest.compact(text(message, "encoding"));
        if (generationId == null) {
            if (from != null) {
                throw new IllegalArgumentException("from needs a generationId: event ids resume one generation; "
                        + "every generation's events start now");
            }
            return new StreamRequest(null, null, null, filter, compact);
        }
        RequestValidator.checkId(generationId);
        EventPosition after = from == null ? null : EventPosition.parse(from);
        return new StreamRequest(generationId, after, null, filter, compact);
    }

    /** A string field, or null when absent, null or blank. */
    private static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " is a string, got " + value.getNodeType().name().toLowerCase());
        }
        return value.asText().isBlank() ? null : value.asText();
    }
}
