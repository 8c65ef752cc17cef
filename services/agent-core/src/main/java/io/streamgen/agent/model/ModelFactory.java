package io.streamgen.agent.model;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Builds the langchain4j streaming model for a {@link ModelSettings}; API keys come from the
 * environment. With a record directory every model it builds is wrapped in a
 * {@link RecordingStreamingChatModel}.
 */
public final class ModelFactory {

    /** Where each provider's key is read when the settings carry none. */
    static final Map<String, String> KEY_VARIABLES = Map.of("openai", "OPENAI_API_KEY", "anthropic", "ANTHROPIC_API_KEY");

    private final ScheduledExecutorService templateScheduler;
    private final Function<String, String> environment;
    private final Optional<Path> recordDir;

    public ModelFactory(ScheduledExecutorService templateScheduler, Function<String, String> environment) {
        this(templateScheduler, environment, Optional.empty());
    }

    /** @param recordDir where every stream of every model built here is recorded, if set */
    public ModelFactory(ScheduledExecutorService templateScheduler, Function<String, String> environment,
                        Optional<Path> recordDir) {
        this.templateScheduler = templateScheduler;
        this.environment = environment;
        this.recordDir = recordDir;
    }

    public StreamingChatModel create(ModelSettings settings) {
        StreamingChatModel model = provider(settings);
        String modelName = settings.provider().equals("template") ? TemplateStreamingChatModel.MODEL_NAME : settings.model();
        return recordDir.<StreamingChatModel>map(dir -> new RecordingStreamingChatModel(model, settings.provider(),
                modelName, dir)).orElse(model);
    }

    /**
     * The model for one task: a recording model records under the task's generation and id; any
     * other model is returned as it is. Cheap, so a cached model can be bound per task.
     */
    public static StreamingChatModel forTask(StreamingChatModel model, String generationId, String taskId) {
        return model instanceof RecordingStreamingChatModel recording ? recording.forTask(generationId, taskId) : model;
    }

    private StreamingChatModel provider(ModelSettings settings) {
        return switch (settings.provider()) {
            case "template" -> new TemplateStreamingChatModel(settings.templateTokensPerSecond(), templateScheduler);
            case "openai" -> OpenAiStreamingChatModel.builder()
                    .baseUrl(settings.baseUrl().orElse(null))
                    .apiKey(key(settings).orElse("not-needed")) // local OpenAI-compatible servers ignore it
                    .modelName(settings.model())
                    .timeout(settings.timeout())
                    .build();
            case "anthropic" -> AnthropicStreamingChatModel.builder()
                    .baseUrl(settings.baseUrl().orElse(null))
                    .apiKey(key(settings).orElseThrow(() -> new IllegalStateException(
                            "the anthropic provider needs ANTHROPIC_API_KEY (or streamgen.llm.api-key)")))
                    .modelName(settings.model())
                    .maxTokens(8192)
                    .timeout(settings.timeout())
                    .build();
            case "ollama" -> OllamaStreamingChatModel.builder()
                    .baseUrl(settings.baseUrl().orElse("http://localhost:11434"))
                    .modelName(settings.model())
                    .timeout(settings.timeout())
                    .build();
            case "replay" -> new ReplayStreamingChatModel(settings.replayDir().orElseThrow(() -> new IllegalStateException(
                    "the replay provider needs a directory of recordings: streamgen.llm.replay-dir (STREAMGEN_LLM_REPLAY_DIR)")),
                    settings.replaySpeed(), templateScheduler);
            default -> throw new IllegalArgumentException("unknown model provider '" + settings.provider()
                    + "': use template, openai, anthropic, ollama or replay");
        };
    }

    private Optional<String> key(ModelSettings settings) {
        return settings.apiKey().filter(k -> !k.isBlank())
                .or(() -> Optional.ofNullable(KEY_VARIABLES.get(settings.provider())).map(environment)
                        .filter(k -> !k.isBlank()));
    }
}
