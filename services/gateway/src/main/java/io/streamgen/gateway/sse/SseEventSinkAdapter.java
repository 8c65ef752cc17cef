package io.streamgen.gateway.sse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.gateway.stream.EventSink;
import io.streamgen.gateway.stream.Outbound;
import io.streamgen.gateway.stream.OutboundJson;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes items as SSE: {@code id: <partition>-<offset>}, {@code event: <type>} (only when
 * {@code namedEvents}: an {@code EventSource}'s {@code onmessage} sees unnamed events only) and
 * {@code data: <json>}, whose {@code type} field names the event either way.
 */
final class SseEventSinkAdapter implements EventSink {

    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper mapper;
    private final long retryMillis;
    private final boolean namedEvents;
    private final boolean compact;
    private boolean first = true;

    SseEventSinkAdapter(SseEventSink sink, Sse sse, ObjectMapper mapper, long retryMillis, boolean namedEvents,
            boolean compact) {
        this.compact = compact;
        this.retryMillis = retryMillis;
        this.sink = sink;
        this.sse = sse;
        this.mapper = mapper;
        this.namedEvents = namedEvents;
    }

    @Override
    public CompletionStage<Void> send(Outbound item) {
        if (sink.isClosed()) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        OutboundSseEvent.Builder event = sse.newEventBuilder();
        if (first) {
            // the first item also sets retry: (items are written one at a time, so no race here)
            event.reconnectDelay(retryMillis);
            first = false;
        }
        if (item.isComment()) {
            event.comment(item.comment());
        } else {
            if (item.id() != null) {
                event.id(item.id());
            }
            if (namedEvents) {
                event.name(item.type());
            }
            // no mediaType(): RESTEasy Reactive writes a set media type as a "content-type:" field,
            // which is no SSE field; unset, a String is written as text/plain all the same
            event.data(String.class, OutboundJson.of(item, mapper, compact));
        }
        return sink.send(event.build()).thenApply(ignored -> null);
    }

    @Override
    public void close() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }

    @Override
    public boolean isClosed() {
        return sink.isClosed();
    }
}
