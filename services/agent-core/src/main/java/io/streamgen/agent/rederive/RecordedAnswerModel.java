package io.streamgen.agent.rederive;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.streamgen.agent.model.TextPlayback;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The "model" of a re-derived task: it answers every call with the source task's recorded answer,
 * from the top, as a model that restarts when asked to continue does (the continuation filter
 * skips what was published). No network, no model.
 */
public final class RecordedAnswerModel implements StreamingChatModel {

    private final String answer;
    private final String name;
    private final ScheduledExecutorService scheduler;

    public RecordedAnswerModel(String answer, String name, ScheduledExecutorService scheduler) {
        this.answer = answer;
        this.name = name;
        this.scheduler = scheduler;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        TextPlayback.play(answer, name, handler, scheduler);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        chat(request, handler);
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }
}
