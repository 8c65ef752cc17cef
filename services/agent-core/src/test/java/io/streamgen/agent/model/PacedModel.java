package io.streamgen.agent.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for a hosted model with a known pace: a first-token delay, then one token every
 * {@code gapMillis}, then completion or the given error, like a provider cutting the stream.
 */
final class PacedModel implements StreamingChatModel {

    private final List<String> tokens;
    private final long firstTokenMillis;
    private final long gapMillis;
    private final RuntimeException failure;
    private final ScheduledExecutorService scheduler;

    PacedModel(List<String> tokens, long firstTokenMillis, long gapMillis, RuntimeException failure,
               ScheduledExecutorService scheduler) {
        this.tokens = tokens;
        this.firstTokenMillis = firstTokenMillis;
        this.gapMillis = gapMillis;
        this.failure = failure;
        this.scheduler = scheduler;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        AtomicBoolean cancelled = new AtomicBoolean();
        StreamingHandle handle = new StreamingHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        PartialResponseContext context = new PartialResponseContext(handle);
        for (int i = 0; i <= tokens.size(); i++) {
            int index = i;
            scheduler.schedule(() -> {
                if (cancelled.get()) {
                    return;
                }
                if (index < tokens.size()) {
                    handler.onPartialResponse(new PartialResponse(tokens.get(index)), context);
                } else if (failure != null) {
                    handler.onError(failure);
                } else {
                    handler.onCompleteResponse(ChatResponse.builder()
                            .aiMessage(AiMessage.from(String.join("", tokens))).build());
                }
            }, firstTokenMillis + i * gapMillis, TimeUnit.MILLISECONDS);
        }
    }
}
