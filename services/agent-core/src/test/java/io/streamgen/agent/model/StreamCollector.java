package io.streamgen.agent.model;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A handler that keeps what a stream sent, when, and how it ended; it can cancel after a number of tokens. */
final class StreamCollector implements StreamingChatResponseHandler {

    final List<String> tokens = new CopyOnWriteArrayList<>();
    final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    final AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    private final long startNanos = System.nanoTime();
    private final int cancelAfter;
    volatile long firstTokenMillis = -1;
    volatile long lastTokenMillis = -1;

    StreamCollector() {
        this(Integer.MAX_VALUE);
    }

    StreamCollector(int cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        long now = (System.nanoTime() - startNanos) / 1_000_000;
        if (firstTokenMillis < 0) {
            firstTokenMillis = now;
        }
        lastTokenMillis = now;
        tokens.add(partial.text());
        handle.set(context.streamingHandle());
        if (tokens.size() == cancelAfter) {
            context.streamingHandle().cancel();
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    String text() {
        return String.join("", tokens);
    }
}
