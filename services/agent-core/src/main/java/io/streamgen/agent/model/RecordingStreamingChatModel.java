package io.streamgen.agent.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code record} wrapper: every {@code chat} call of the wrapped model is written, as it
 * streams, to its own JSON-lines file (header with provider, model and messages; each token with
 * its offset in milliseconds; how it ended). The caller's stream is untouched: recording failures
 * are logged, never passed on.
 *
 * <p>Files go to {@code <dir>/<generationId>/<taskId>-<n>.jsonl} for a model bound to a task with
 * {@link #forTask}; the generation id is not in the prompt, so the agent runtime, which knows the
 * task, binds it. An unbound model (a caller with no task) falls back to
 * {@code <dir>/untracked/<role>-<phase>-<hash of the last user message>-<n>.jsonl} from the
 * prompt's task card.
 */
public final class RecordingStreamingChatModel implements StreamingChatModel {

    private final StreamingChatModel delegate;
    private final String provider;
    private final String model;
    private final Path root;
    private final String generationId;
    private final String taskId;

    public RecordingStreamingChatModel(StreamingChatModel delegate, String provider, String model, Path root) {
        this(delegate, provider, model, root, null, null);
    }

    private RecordingStreamingChatModel(StreamingChatModel delegate, String provider, String model, Path root,
                                        String generationId, String taskId) {
        this.delegate = delegate;
        this.provider = provider;
        this.model = model;
        this.root = root;
        this.generationId = generationId;
        this.taskId = taskId;
    }

    /** The same model, recording under the task's own name (cheap: the wrapped model is shared). */
    public RecordingStreamingChatModel forTask(String generationId, String taskId) {
        return new RecordingStreamingChatModel(delegate, provider, model, root, generationId, taskId);
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        List<RecordedMessage> messages = request.messages().stream().map(RecordedMessage::of).toList();
        RecordingWriter writer = generationId == null
                ? RecordingWriter.create(root.resolve("untracked"), untrackedName(messages))
                : RecordingWriter.create(root.resolve(safeName(generationId)), safeName(taskId));
        writer.header(provider, model, messages);
        try {
            // the wrapped model's own chat: its default parameters and listeners apply as without us
            delegate.chat(request, new RecordingHandler(handler, writer));
        } catch (RuntimeException e) {
            writer.error(e);
            throw e;
        }
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

    StreamingChatModel delegate() {
        return delegate;
    }

    /** A path segment from an id a producer chose: nothing that climbs out of the directory. */
    static String safeName(String id) {
        String name = id == null || id.isBlank() ? "unnamed" : id.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }

    private static String untrackedName(List<RecordedMessage> messages) {
        String card = Recording.cardOf(messages).map(c -> (c.role() + "-" + c.phase()).toLowerCase(Locale.ROOT))
                .orElse("no-card");
        return card + "-" + sha256(Recording.lastUserMessage(messages)).substring(0, 12);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Writes each callback to the recording, then hands it on unchanged. */
    private static final class RecordingHandler implements StreamingChatResponseHandler {
        private final StreamingChatResponseHandler handler;
        private final RecordingWriter writer;
        private StreamingHandle lastHandle;
        private PartialResponseContext lastContext;

        RecordingHandler(StreamingChatResponseHandler handler, RecordingWriter writer) {
            this.handler = handler;
            this.writer = writer;
        }

        @Override
        public void onPartialResponse(String partial) {
            writer.token(partial);
            handler.onPartialResponse(partial);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            writer.token(partial.text());
            handler.onPartialResponse(partial, recordingContext(context));
        }

        @Override
        public void onPartialThinking(PartialThinking thinking) {
            handler.onPartialThinking(thinking);
        }

        @Override
        public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
            handler.onPartialThinking(thinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall toolCall) {
            handler.onPartialToolCall(toolCall);
        }

        @Override
        public void onPartialToolCall(PartialToolCall toolCall, PartialToolCallContext context) {
            handler.onPartialToolCall(toolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall toolCall) {
            handler.onCompleteToolCall(toolCall);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            writer.complete(response.finishReason() == null ? null : response.finishReason().name());
            handler.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            writer.error(error);
            handler.onError(error);
        }

        /** The provider's context, with a handle that also notes the cancellation; made once per provider handle. */
        private synchronized PartialResponseContext recordingContext(PartialResponseContext context) {
            if (context == null || context.streamingHandle() == null) {
                return context;
            }
            if (context.streamingHandle() != lastHandle) {
                lastHandle = context.streamingHandle();
                lastContext = new PartialResponseContext(new RecordingHandle(lastHandle, writer));
            }
            return lastContext;
        }
    }

    private record RecordingHandle(StreamingHandle delegate, RecordingWriter writer) implements StreamingHandle {
        @Override
        public void cancel() {
            writer.cancelled();
            delegate.cancel();
        }

        @Override
        public boolean isCancelled() {
            return delegate.isCancelled();
        }
    }
}
