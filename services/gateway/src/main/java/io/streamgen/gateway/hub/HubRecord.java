package io.streamgen.gateway.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.context.Context;
import io.streamgen.schema.json.EventJson;
import io.streamgen.schema.GenerationEvent;
import java.util.Map;

/**
 * One decoded record of the events topic, shared by every subscriber it fans out to; its JSON is
 * built once, on first use.
 */
public final class HubRecord {

    private final EventPosition position;
    private final long timestamp;
    private final GenerationEvent event;
    /** The trace context the event was written in (root: none). */
    private final Context trace;
    private volatile Map<String, Object> body;
    private volatile String json;
    /** The one other encoding there is (compact). */
    private volatile String otherJson;

    public HubRecord(int partition, long offset, long timestamp, GenerationEvent event) {
        this(partition, offset, timestamp, event, Context.root());
    }

    public HubRecord(int partition, long offset, long timestamp, GenerationEvent event, Context trace) {
        this.position = new EventPosition(partition, offset);
        this.timestamp = timestamp;
        this.event = event;
        this.trace = trace;
    }

    public Context trace() {
        return trace;
    }

    public EventPosition position() {
        return position;
    }

    public long timestamp() {
        return timestamp;
    }

    public GenerationEvent event() {
        return event;
    }

    public String generationId() {
        return event.getGenerationId();
    }

    public String type() {
        return EventJson.typeOf(event.getPayload());
    }

    public boolean terminal() {
        return EventJson.isTerminal(event.getPayload());
    }

    /** The body as JSON text, written once for all the clients it goes to. */
    public String json(ObjectMapper mapper) {
        String j = json;
        if (j == null) {
            try {
                j = mapper.writeValueAsString(body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write event " + position + " as JSON", e);
            }
            json = j;
        }
        return j;
    }

    /** The body in another encoding ({@code encode} of the body), written once for all the clients that asked for it. */
    public String json(ObjectMapper mapper, java.util.function.UnaryOperator<Map<String, Object>> encode) {
        String j = otherJson;
        if (j == null) {
            try {
                j = mapper.writeValueAsString(encode.apply(body()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write event " + position + " as JSON", e);
            }
            otherJson = j;
        }
        return j;
    }

    /** The event's JSON body (see docs/events.md). */
    public Map<String, Object> body() {
        Map<String, Object> b = body;
        if (b == null) {
            b = EventJson.body(event, position == null ? null : position.toString());
            body = b;
        }
        return b;
    }
}
