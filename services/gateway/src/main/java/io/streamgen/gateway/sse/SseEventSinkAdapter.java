package io.streamgen.gateway.sse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.gateway.stream.EventSink;
import io.streamgen.gateway.stream.Outbound;
import io.streamgen.gateway.stream.OutboundJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Writes items as SSE: {@code id: <partition>-<offset>}, {@code event: <type>}, {@code data: <json>}. */
final class SseEventSinkAdapter implements EventSink {

    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper mapper;
    private final long retryMillis;
    private boolean first = true;

    SseEventSinkAdapter(SseEventSink sink, Sse sse, ObjectMapper mapper, long retryMillis) {
        this.retryMillis = retryMillis;
        this.sink = sink;
        this.sse = sse;
        this.mapper = mapper;
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
            event.name(item.type()).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, OutboundJson.of(item, mapper));
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
