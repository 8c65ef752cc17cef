package io.streamgen.agent.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model that streams a fixed answer at a fixed pace and then ends as told: a normal stop, an
 * error, or silence (a stall that never ends). It counts the calls made to it and the streams
 * its callers cancelled, which is how a test sees that a loser was closed.
 */
final class ScriptedModel implements StreamingChatModel {

    enum Ending { STOP, ERROR, STALL }

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    private final List<String> pieces;
    private final long firstMillis;
    private final long gapMillis;
    private final Ending ending;
    private final ScheduledExecutorService scheduler;

    ScriptedModel(List<String> pieces, long firstMillis, long gapMillis, Ending ending, ScheduledExecutorService scheduler) {
        this.pieces = pieces;
        this.firstMillis = firstMillis;
        this.gapMillis = gapMillis;
        this.ending = ending;
        this.scheduler = scheduler;
    }

    /** An answer split into pieces of {@code size} characters. */
    static List<String> pieces(String answer, int size) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < answer.length(); i += size) {
            out.add(answer.substring(i, Math.min(answer.length(), i + size)));
        }
        return out;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        calls.incrementAndGet();
        AtomicBoolean cancelled = new AtomicBoolean();
        PartialResponseContext context = new PartialResponseContext(new StreamingHandle() {
            @Override
            public void cancel() {
                if (cancelled.compareAndSet(false, true)) {
                    cancels.incrementAndGet();
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        });
        scheduler.schedule(() -> next(0, handler, context, cancelled), firstMillis, TimeUnit.MILLISECONDS);
    }

    /** One piece, then the next one scheduled: in order, as a provider's stream is, whatever the pool size. */
    private void next(int index, StreamingChatResponseHandler handler, PartialResponseContext context, AtomicBoolean cancelled) {
        if (cancelled.get()) {
            return;
        }
        if (index < pieces.size()) {
            handler.onPartialResponse(new PartialResponse(pieces.get(index)), context);
            scheduler.schedule(() -> next(index + 1, handler, context, cancelled), gapMillis, TimeUnit.MILLISECONDS);
        } else if (ending == Ending.STOP) {
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(String.join("", pieces)))
                    .finishReason(FinishReason.STOP).build());
        } else if (ending == Ending.ERROR) {
            handler.onError(new dev.langchain4j.exception.HttpException(503, "overloaded"));
        }
    }
}
