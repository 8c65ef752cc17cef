package io.streamgen.agent.cache;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import io.streamgen.agent.model.TextPlayback;
import io.streamgen.schema.CachedAnswer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One task's model behind the response cache. Asked its first prompt (the one it was keyed by):
 * with a {@code hit}, it streams the cached answer in token-sized pieces (the task's buffer and
 * router see an ordinary stream, so viewers do too) and calls no model; without one, it calls the
 * model and keeps the answer, which {@link #cacheableAnswer()} offers once the task is done. Any
 * other request (a continuation after a pause or an error, a steered prompt) goes to the model and
 * makes the answer uncacheable: only an answer written in one go, to the keyed prompt, is shared.
 */
public final class CachingStreamingChatModel implements StreamingChatModel {

    private final StreamingChatModel delegate;
    private final String modelName;
    private final String key;
    private final CachedAnswer hit;
    private final ScheduledExecutorService scheduler;
    private int calls;
    private boolean served;
    private boolean tainted;
    private String captured;
    private long capturedTokens;
    private long capturedMillis;

    public CachingStreamingChatModel(StreamingChatModel delegate, String modelName, String key,
                                     Optional<CachedAnswer> hit, ScheduledExecutorService scheduler) {
        this.delegate = delegate;
        this.modelName = modelName;
        this.key = key;
        this.hit = hit.orElse(null);
        this.scheduler = scheduler;
    }

    public String key() {
        return key;
    }

    public Optional<CachedAnswer> hit() {
        return Optional.ofNullable(hit);
    }

    /** The model's whole answer to the keyed prompt, when it wrote one in one go and it was not served from the cache. */
    public synchronized Optional<String> cacheableAnswer() {
        return hit == null && !tainted && calls == 1 ? Optional.ofNullable(captured) : Optional.empty();
    }

    public synchronized long capturedTokens() {
        return capturedTokens;
    }

    public synchronized long capturedMillis() {
        return capturedMillis;
    }

    /**
     * The first call is the task's fresh prompt, the one the key was made from (an execution
     * always opens with it); any later call is a continuation or a steered prompt.
     */
    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        boolean keyed;
        synchronized (this) {
            keyed = calls == 0 && !served;
            if (keyed && hit != null && !served) {
                served = true;
                TextPlayback.play(hit.getAnswer(), modelName, handler, scheduler);
                return;
            }
            calls++;
            if (!keyed || hit != null) {
                tainted = true;
            }
        }
        delegate.chat(request, keyed && hit == null ? new Capture(handler) : handler);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        chat(request, handler);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    private synchronized void captured(String text, long tokens, long millis) {
        captured = text;
        capturedTokens = tokens;
        capturedMillis = millis;
    }

    /** Keeps the streamed text; a stream that did not stop by itself (cut, cancelled, at its length limit) is not kept. */
    private final class Capture implements StreamingChatResponseHandler {
        private final StreamingChatResponseHandler handler;
        private final StringBuilder text = new StringBuilder();
        private final long startNanos = System.nanoTime();
        private long tokens;

        Capture(StreamingChatResponseHandler handler) {
            this.handler = handler;
        }

        @Override
        public void onPartialResponse(String partial) {
            keep(partial);
            handler.onPartialResponse(partial);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            keep(partial.text());
            handler.onPartialResponse(partial, context);
        }

        private synchronized void keep(String partial) {
            if (partial != null) {
                text.append(partial);
                tokens++;
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            if (response != null && response.finishReason() == FinishReason.STOP) {
                String whole;
                long count;
                synchronized (this) {
                    whole = text.toString();
                    count = tokens;
                }
                captured(whole, count, (System.nanoTime() - startNanos) / 1_000_000);
            }
            handler.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            handler.onError(error);
        }
    }
}
