package io.streamgen.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamgen.gateway.stream.EventSink;
import io.streamgen.gateway.stream.Outbound;
import io.streamgen.gateway.stream.OutboundJson;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes a subscription's events as text messages (the same JSON as SSE). Ending the subscription
 * leaves the socket open: the client may subscribe again or keep sending interventions.
 */
final class WebSocketSink implements EventSink {

    private final WebSocketConnection connection;
    private final ObjectMapper mapper;
    private volatile boolean closed;

    WebSocketSink(WebSocketConnection connection, ObjectMapper mapper) {
        this.connection = connection;
        this.mapper = mapper;
    }

    @Override
    public CompletionStage<Void> send(Outbound item) {
        if (isClosed()) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        if (item.isComment()) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.sendText(OutboundJson.of(item, mapper)).subscribeAsCompletionStage();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed || connection.isClosed();
    }
}
