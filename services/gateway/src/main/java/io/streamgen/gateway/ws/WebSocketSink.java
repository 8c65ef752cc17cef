package io.streamgen.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamgen.gateway.stream.EventSink;
import io.streamgen.gateway.stream.Outbound;
import io.streamgen.gateway.stream.OutboundJson;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes a subscription's events as text messages (the same JSON as SSE), after an optional opening
 * message (the {@code subscribed} reply, so that everything after it belongs to the subscription).
 * Ending the subscription leaves the socket open: the client may subscribe again or keep sending
 * interventions.
 */
final class WebSocketSink implements EventSink {

    private final WebSocketConnection connection;
    private final ObjectMapper mapper;
    private String opening;
    private volatile boolean closed;

    private final boolean compact;

    WebSocketSink(WebSocketConnection connection, ObjectMapper mapper, String opening, boolean compact) {
        this.compact = compact;
        this.connection = connection;
        this.mapper = mapper;
        this.opening = opening;
    }

    /**
     * Synchronized with {@link #close}: once a replaced subscription's sink is closed, none of its
     * messages starts after the next subscription's first.
     */
    @Override
    public synchronized CompletionStage<Void> send(Outbound item) {
        if (isClosed()) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        CompletionStage<Void> sent = CompletableFuture.completedFuture(null);
        if (opening != null) {
            sent = connection.sendText(opening).subscribeAsCompletionStage();
            opening = null;
        }
        if (item.isComment()) {
            return sent;
        }
        CompletionStage<Void> event = connection.sendText(OutboundJson.of(item, mapper, compact)).subscribeAsCompletionStage();
        return sent.thenCombine(event, (a, b) -> null);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed || connection.isClosed();
    }
}
