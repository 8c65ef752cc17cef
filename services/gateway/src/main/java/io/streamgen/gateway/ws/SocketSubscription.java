package io.streamgen.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamgen.gateway.stream.EventStreams;
import io.streamgen.gateway.stream.StreamRequest;
import io.streamgen.gateway.stream.Subscription;

/**
 * What one socket follows: at most one subscription at a time, replaced as a whole (the old one is
 * closed before the new one opens, so no event of the old arrives after the new one's first message).
 */
final class SocketSubscription {

    private final WebSocketConnection connection;
    private final EventStreams streams;
    private final ObjectMapper mapper;
    private Subscription current;
    private boolean closed;

    SocketSubscription(WebSocketConnection connection, EventStreams streams, ObjectMapper mapper) {
        this.connection = connection;
        this.streams = streams;
        this.mapper = mapper;
    }

    /**
     * Follows {@code request} instead of what the socket followed, with {@code opening} as its first
     * message; throws what {@link EventStreams#open} throws, leaving the socket following nothing.
     */
    synchronized void follow(StreamRequest request, String opening) {
        stop();
        if (!closed) {
            current = streams.open(request, new WebSocketSink(connection, mapper, opening, request.compact()));
        }
    }

    synchronized void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** The socket closed: nothing is followed any more. */
    synchronized void close() {
        closed = true;
        stop();
    }
}
