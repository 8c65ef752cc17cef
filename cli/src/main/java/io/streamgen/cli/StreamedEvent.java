package io.streamgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.json.EventJson;

/**
 * One event of a generation as every path shows it: its id ({@code <partition>-<offset>} of the
 * events topic), its kebab-case type and the JSON of docs/events.md, whether it came from the
 * gateway's Server-Sent Events or straight from the topic.
 */
public record StreamedEvent(String id, String type, JsonNode json) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The event as the gateway would send it. */
    public static StreamedEvent of(GenerationEvent event, String id) {
        return new StreamedEvent(id, EventJson.typeOf(event.getPayload()), JSON.valueToTree(EventJson.body(event, id)));
    }

    public boolean ends() {
        return type.equals("generation-completed") || type.equals("generation-failed");
    }

    public JsonNode payload() {
        return json.path("payload");
    }

    /** How far the whole generation is, 0 to 1. */
    public double progress() {
        return json.path("progress").asDouble();
    }

    public boolean cancelled() {
        return type.equals("generation-failed") && payload().path("cancelled").asBoolean();
    }
}
