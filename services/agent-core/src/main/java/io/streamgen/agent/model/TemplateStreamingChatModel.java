package io.streamgen.agent.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.streamgen.agent.prompt.TaskCard;
import io.streamgen.agent.template.AppSpecs;
import io.streamgen.agent.template.TemplateApp;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The offline model: deterministic answers from {@link TemplateApp}, streamed token by token at a
 * configurable rate through langchain4j's {@link StreamingChatModel}, exactly as a hosted model's
 * answer arrives. It reads the task from the prompt's {@link TaskCard}; asked to continue an
 * interrupted answer, it restarts it, as chat models commonly do.
 */
public final class TemplateStreamingChatModel implements StreamingChatModel {

    public static final String MODEL_NAME = "template";
    private static final long TICK_MILLIS = 10;

    private final double tokensPerSecond;
    private final ScheduledExecutorService scheduler;

    /** @param tokensPerSecond 0 streams as fast as possible */
    public TemplateStreamingChatModel(double tokensPerSecond, ScheduledExecutorService scheduler) {
        this.tokensPerSecond = tokensPerSecond;
        this.scheduler = scheduler;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        List<ChatMessage> messages = request.messages();
        TaskCard card = messages.stream().map(TemplateStreamingChatModel::text)
                .map(TaskCard::find).flatMap(java.util.Optional::stream).reduce((a, b) -> b)
                .orElse(null);
        if (card == null) {
            handler.onError(new IllegalArgumentException("the template model needs a <streamgen-task> card in the prompt"));
            return;
        }
        String answer = TemplateApp.answer(card.role(), card.phase(), AppSpecs.from(card.blueprint(), card.request()));
        // Like a hosted chat model asked to continue, it starts its answer again from the top: the
        // agent aligns the new stream with what it already published.
        new Emission(Tokens.split(answer), answer, handler).start();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    private static String text(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.hasSingleText() ? user.singleText() : "";
        }
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        return "";
    }

    /** One streamed answer: due tokens go out every tick until all are sent or it is cancelled. */
    private final class Emission implements StreamingHandle {
        private final List<String> tokens;
        private final String answer;
        private final StreamingChatResponseHandler handler;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final PartialResponseContext context = new PartialResponseContext(this);
        private long startNanos;
        private int sent;

        Emission(List<String> tokens, String answer, StreamingChatResponseHandler handler) {
            this.tokens = tokens;
            this.answer = answer;
            this.handler = handler;
        }

        void start() {
            startNanos = System.nanoTime();
            scheduler.execute(this::tick);
        }

        private void tick() {
            try {
                int due = tokensPerSecond <= 0 ? tokens.size()
                        : (int) Math.min(tokens.size(), (System.nanoTime() - startNanos) / 1e9 * tokensPerSecond + 1);
                while (sent < due && !cancelled.get()) {
                    handler.onPartialResponse(new PartialResponse(tokens.get(sent++)), context);
                }
                if (cancelled.get()) {
                    return;
                }
                if (sent < tokens.size()) {
                    scheduler.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer))
                        .modelName(MODEL_NAME).finishReason(FinishReason.STOP)
                        .tokenUsage(new TokenUsage(0, tokens.size())).build());
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
}
