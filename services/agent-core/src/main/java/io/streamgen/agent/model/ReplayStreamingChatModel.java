package io.streamgen.agent.model;

import dev.langchain4j.data.message.AiMessage;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code replay} provider: answers each request with a recording from a directory (see
 * {@link RecordingLibrary} for which one), token by token, at the recorded offsets or flat out,
 * and ends it as it ended: completed, failed with the recorded error, or (a stream the agent had
 * cancelled) silent after its last token, as the real model was. No key, no network.
 */
public final class ReplayStreamingChatModel implements StreamingChatModel {

    private final RecordingLibrary library;
    private final ReplaySpeed speed;
    private final ScheduledExecutorService scheduler;

    /** @throws IllegalStateException when the directory does not exist (the model cannot be built) */
    public ReplayStreamingChatModel(Path dir, ReplaySpeed speed, ScheduledExecutorService scheduler) {
        this.library = RecordingLibrary.load(dir);
        this.speed = speed;
        this.scheduler = scheduler;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Recording recording;
        try {
            recording = library.take(request.messages().stream().map(RecordedMessage::of).toList());
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        new Playback(recording, handler).start();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /**
     * One recording played back. Each tick sends what is due and schedules the next tick for the
     * next token's offset, so no thread ever sleeps; {@link #cancel()} stops it between tokens.
     */
    private final class Playback implements StreamingHandle {
        private final Recording recording;
        private final List<RecordingFormat.Token> tokens;
        private final StreamingChatResponseHandler handler;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final PartialResponseContext context = new PartialResponseContext(this);
        private long startNanos;
        private int sent;

        Playback(Recording recording, StreamingChatResponseHandler handler) {
            this.recording = recording;
            this.tokens = recording.tokens();
            this.handler = handler;
        }

        void start() {
            startNanos = System.nanoTime();
            scheduler.execute(this::tick);
        }

        private void tick() {
            try {
                long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
                while (sent < tokens.size() && !cancelled.get() && due(tokens.get(sent).t(), elapsed)) {
                    handler.onPartialResponse(new PartialResponse(tokens.get(sent++).text()), context);
                }
                if (cancelled.get()) {
                    return;
                }
                if (sent < tokens.size()) {
                    schedule(tokens.get(sent).t() - elapsed);
                    return;
                }
                Optional<RecordingFormat.End> end = recording.end();
                if (end.isPresent() && !due(end.get().t(), elapsed)) {
                    schedule(end.get().t() - elapsed); // a recorded stall before the end is part of the recording
                    return;
                }
                end.ifPresent(this::finish);
            } catch (RuntimeException e) {
                handler.onError(e);
            }
        }

        private boolean due(long offsetMillis, long elapsedMillis) {
            return speed == ReplaySpeed.FLAT || offsetMillis <= elapsedMillis;
        }

        private void schedule(long delayMillis) {
            scheduler.schedule(this::tick, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
        }

        private void finish(RecordingFormat.End end) {
            switch (end.end() == null ? "" : end.end()) {
                case RecordingFormat.End.COMPLETE -> handler.onCompleteResponse(ChatResponse.builder()
                        .aiMessage(AiMessage.from(recording.text())).modelName(recording.model())
                        .finishReason(finishReason(end.finishReason()))
                        .tokenUsage(new TokenUsage(0, tokens.size())).build());
                case RecordingFormat.End.ERROR -> handler.onError(RecordedErrors.rebuild(end));
                default -> {
                    // cancelled by the agent when recorded: the real stream said nothing more either
                }
            }
        }

        private FinishReason finishReason(String name) {
            try {
                return name == null ? FinishReason.STOP : FinishReason.valueOf(name);
            } catch (IllegalArgumentException e) {
                return FinishReason.OTHER;
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
