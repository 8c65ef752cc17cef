package io.streamgen.gateway.sse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.streamgen.gateway.api.RequestValidator;
import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.hub.EventPosition;
import io.streamgen.gateway.stream.EventFilter;
import io.streamgen.gateway.stream.EventStreams;
import io.streamgen.gateway.stream.StreamRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Server-Sent Events of the merged topic: one generation from its first event, resumed exactly
 * after {@code Last-Event-ID} (or {@code ?from=}), or from a checkpoint, as named events; and the
 * firehose, as unnamed events unless asked otherwise.
 */
@Path("/api")
@Blocking
public class EventStreamResource {

    @Inject
    EventStreams streams;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/generations/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void generation(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("from") String from, @QueryParam("fromCheckpoint") Integer fromCheckpoint,
            @QueryParam("types") String types, @QueryParam("roles") String roles,
            @QueryParam("view") String view, @QueryParam("paths") String paths, @QueryParam("encoding") String encoding,
            @Context SseEventSink sink, @Context Sse sse) {
        RequestValidator.checkId(id);
        open(new StreamRequest(id, after(lastEventId, from), fromCheckpoint, EventFilter.parse(types, roles, view, paths),
                StreamRequest.compact(encoding)), true, sink, sse);
    }

    /**
     * Every generation's events from now on, as in the specification's
     * {@code new EventSource('/api/stream-generation')} example: unnamed events, so that
     * {@code onmessage} receives them; {@code ?named=true} names them by type as the per-generation
     * stream does. {@code ?generation=} narrows it to one generation.
     */
    @GET
    @Path("/stream-generation")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void firehose(@QueryParam("generation") String generation, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("types") String types, @QueryParam("roles") String roles, @QueryParam("named") String named,
            @QueryParam("view") String view, @QueryParam("paths") String paths, @QueryParam("encoding") String encoding,
            @Context SseEventSink sink, @Context Sse sse) {
        if (generation != null) {
            RequestValidator.checkId(generation);
        }
        boolean namedEvents = parseNamed(named);
        EventPosition after = generation == null ? null : after(lastEventId, null);
        open(new StreamRequest(generation, after, null, EventFilter.parse(types, roles, view, paths),
                StreamRequest.compact(encoding)), namedEvents, sink, sse);
    }

    /** Strict, so that a typo ({@code ?named=yes}) is a 400 and not silently unnamed events. */
    private static boolean parseNamed(String named) {
        if (named == null || named.equals("false")) {
            return false;
        }
        if (named.isEmpty() || named.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("named is true or false, got '" + named + "'");
    }

    private void open(StreamRequest request, boolean namedEvents, SseEventSink sink, Sse sse) {
        if (request.fromCheckpoint() != null && request.after() != null) {
            throw new IllegalArgumentException("give either fromCheckpoint or an event id to resume from, not both");
        }
        if (request.fromCheckpoint() != null && request.fromCheckpoint() < 1) {
            throw new IllegalArgumentException("fromCheckpoint is 1 or more");
        }
        streams.open(request, new SseEventSinkAdapter(sink, sse, mapper, config.retryMillis(), namedEvents,
                request.compact()));
    }

    private static EventPosition after(String lastEventId, String from) {
        String id = lastEventId != null && !lastEventId.isBlank() ? lastEventId : from;
        return id == null || id.isBlank() ? null : EventPosition.parse(id);
    }
}
