package io.streamgen.agent.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A known answer streamed as a model streams it: token-sized pieces ({@link Tokens}) on a
 * scheduler, as fast as it goes, a batch per turn so that other tasks on the scheduler get turns
 * too; then a normal completion. {@link #cancel()} stops it between pieces. What answers without a
 * model (the response cache, a re-derivation) goes through the same buffer and router this way.
 */
public final class TextPlayback implements StreamingHandle {

    private static final int PIECES_PER_TURN = 64;

    private final String text;
    private final String modelName;
    private final List<String> pieces;
    private final StreamingChatResponseHandler handler;
    private final ScheduledExecutorService scheduler;
    private final PartialResponseContext context = new PartialResponseContext(this);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private int sent;

    private TextPlayback(String text, String modelName, StreamingChatResponseHandler handler,
                         ScheduledExecutorService scheduler) {
        this.text = text;
        this.modelName = modelName;
        this.pieces = Tokens.split(text);
        this.handler = handler;
        this.scheduler = scheduler;
    }

    /** Starts streaming {@code text} to {@code handler}. */
    public static TextPlayback play(String text, String modelName, StreamingChatResponseHandler handler,
                                    ScheduledExecutorService scheduler) {
        TextPlayback playback = new TextPlayback(text, modelName, handler, scheduler);
        scheduler.execute(playback::turn);
        return playback;
    }

    private void turn() {
        try {
            int until = Math.min(pieces.size(), sent + PIECES_PER_TURN);
            while (sent < until && !cancelled.get()) {
                handler.onPartialResponse(new PartialResponse(pieces.get(sent++)), context);
            }
            if (cancelled.get()) {
                return;
            }
            if (sent < pieces.size()) {
                scheduler.execute(this::turn);
                return;
            }
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(text)).modelName(modelName)
                    .finishReason(FinishReason.STOP).tokenUsage(new TokenUsage(0, pieces.size())).build());
        } catch (RuntimeException e) {
            handler.onError(e);
        }
    }

    @Override
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }
}
