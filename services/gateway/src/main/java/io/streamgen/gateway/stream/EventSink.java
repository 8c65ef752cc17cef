package io.streamgen.gateway.stream;

import java.util.concurrent.CompletionStage;

/** Where a subscription's items go: an SSE response or a WebSocket. */
public interface EventSink {

    /** Writes one item; completes when the transport took it (a slow client delays completion). */
    CompletionStage<Void> send(Outbound item);

    void close();

    boolean isClosed();
}
