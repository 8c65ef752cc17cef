package io.streamgen.agent.runtime;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.agent.cache.CacheKey;
import io.streamgen.agent.cache.CachingStreamingChatModel;
import io.streamgen.agent.config.StreamgenConfig;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.agent.model.EnsembleStreamingChatModel;
import io.streamgen.agent.model.ModelFactory;
import io.streamgen.agent.model.NamedModel;
import io.streamgen.agent.output.AnswerCheck;
import io.streamgen.agent.model.ModelSettings;
import io.streamgen.agent.prompt.ModelContexts;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.agent.rederive.RecordedAnswer;
import io.streamgen.agent.rederive.RecordedAnswerModel;
import io.streamgen.agent.task.TaskExecution;
import io.streamgen.agent.task.TaskSettings;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ModelPlan;
import io.streamgen.schema.model.ModelChoice;
import io.streamgen.schema.topic.Topics;
import io.streamgen.schema.serde.AvroTrust;
import io.streamgen.source.LayoutContract;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Builds a {@link TaskExecution} for a task, with the model the configuration (and the task) asks for. */
@ApplicationScoped
public class AgentRuntime {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AgentRuntime.class);

    private final StreamgenConfig config;
    private final RoleBehaviour behaviour;
    private final ScheduledExecutorService scheduler;
    private final ModelFactory models;
    private final PromptBuilder prompts;
    private final AgentMetrics metrics;
    private final KafkaAgentOutput output;
    private final Map<ModelSettings, StreamingChatModel> modelCache = new ConcurrentHashMap<>();
    private final ResponseCacheService responses;
    private final SourceChunks sourceChunks;
    /** The running executions that may add their answer to the response cache when they end. */
    private final Map<TaskExecution, CachingStreamingChatModel> caching = new ConcurrentHashMap<>();

    @Inject
    public AgentRuntime(StreamgenConfig config, RoleBehaviour behaviour, KafkaAgentOutput output, MeterRegistry registry,
                        ResponseCacheService responses, SourceChunks sourceChunks) {
        this.responses = responses;
        this.sourceChunks = sourceChunks;
        AvroTrust.install();
        this.config = config;
        this.behaviour = behaviour;
        this.output = output;
        if (behaviour.role() != config.agent().role()) {
            throw new IllegalStateException("streamgen.agent.role=" + config.agent().role()
                    + " but this service's behaviour is for " + behaviour.role());
        }
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "streamgen-agent-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.models = new ModelFactory(scheduler, System::getenv, config.llm().recordDir().filter(d -> !d.isBlank()).map(Path::of));
        this.prompts = PromptBuilder.fromClasspath(new ModelContexts(config.llm().contextWindows(),
                config.llm().defaultContextWindow(), config.agent().answerReserveTokens(),
                config.agent().contextBudgetTokens()));
        this.metrics = new MicrometerAgentMetrics(registry, behaviour.role().name().toLowerCase(Locale.ROOT));
    }

    /**
     * The execution of a task with the model it asks for, then its plan's fallbacks (an ensemble,
     * if the plan names one, streams in the first place). A model the request may not choose, or
     * one that cannot be built (an unknown provider, a missing key), gives an execution that fails
     * the task with the reason: the channel and every other task carry on.
     */
    public TaskExecution execution(AgentTask task, int attempt) {
        StreamgenConfig.Agent agent = config.agent();
        TaskSettings taskSettings = new TaskSettings(agent.taskTimeout(), agent.retries(), agent.retryBackoff(),
                agent.statusInterval(), agent.hardCapChars(), agent.flushTargetMillis(), agent.firstTokenTimeout(),
                agent.interTokenTimeout(), agent.heartbeatInterval());
        TaskExecution.Deps deps = new TaskExecution.Deps(output, prompts, behaviour, metrics, scheduler,
                Clock.systemUTC(), taskSettings);
        if (task.getDerivedFrom() != null) {
            return rederived(task, attempt, deps);
        }
        ModelPlan plan = task.getPlan();
        List<ModelSettings> fallbacks = new ArrayList<>();
        List<ModelSettings> ensemble = new ArrayList<>();
        ModelSettings settings;
        try {
            settings = settingsFor(task);
            if (plan != null) {
                for (String spec : plan.getFallbacks()) {
                    fallbacks.add(settingsFor(spec, "a fallback"));
                }
                for (String spec : plan.getEnsemble()) {
                    ensemble.add(settingsFor(spec, "an ensemble member"));
                }
            }
        } catch (RuntimeException e) {
            return TaskExecution.failing(task, attempt, String.valueOf(task.getModel()), deps, e.getMessage());
        }
        ModelSettings building = settings;
        try {
            NamedModel primary = build(settings, task);
            if (!ensemble.isEmpty()) {
                List<NamedModel> members = new ArrayList<>(List.of(primary));
                for (ModelSettings member : ensemble) {
                    building = member;
                    NamedModel built = build(member, task);
                    if (members.stream().noneMatch(m -> m.name().equals(built.name()))) {
                        members.add(built);
                    }
                }
                if (members.size() > 1) {
                    LayoutContract layout = LayoutContract.forStack(task.getTargetStack());
                    String role = behaviour.role().name().toLowerCase(Locale.ROOT);
                    primary = new NamedModel(primary.name(), new EnsembleStreamingChatModel(members, plan.getPolicy(),
                            new AnswerCheck(language -> layout.defaultFile(role, language)), agent.firstTokenTimeout(),
                            agent.interTokenTimeout(), scheduler));
                }
            }
            List<NamedModel> chain = new ArrayList<>(List.of(primary));
            for (ModelSettings fallback : fallbacks) {
                building = fallback;
                chain.add(build(fallback, task));
            }
            // the response cache stands in front of the task's own model (the wrapper refuses ensembles)
            String name = primary.name();
            Optional<CachingStreamingChatModel> cached = responses.wrap(task, primary.model(), name,
                    () -> cacheKeyOf(task, name), scheduler, metrics);
            if (cached.isPresent()) {
                chain.set(0, new NamedModel(name, cached.get()));
            }
            TaskExecution execution = new TaskExecution(task, attempt, chain, deps);
            cached.ifPresent(c -> {
                c.hit().ifPresent(hit -> execution.answeredFromCache(hit.getProvenance()));
                caching.put(execution, c);
            });
            return execution;
        } catch (RuntimeException e) {
            LOG.warnf("task %s of %s: model %s cannot be built: %s", task.getTaskId(), task.getGenerationId(),
                    building.displayName(), e.getMessage());
            return TaskExecution.failing(task, attempt, settings.displayName(), deps,
                    "model " + building.displayName() + " cannot be used: " + e.getMessage());
        }
    }

    /**
     * A task of a re-derivation: the source task's recorded answer, read back from the chunks
     * topic, streamed through the same path as a model's; no model, so no allow-list and no cache.
     */
    private TaskExecution rederived(AgentTask task, int attempt, TaskExecution.Deps deps) {
        String source = task.getDerivedFrom().getSourceGenerationId();
        String name = "rederive:" + source;
        try {
            Optional<String> answer = RecordedAnswer.of(sourceChunks.of(task));
            if (answer.isEmpty()) {
                return TaskExecution.failing(task, attempt, name, deps, "generation " + source
                        + " has no finished attempt of task " + task.getTaskId() + " on " + Topics.CHUNKS.name()
                        + " (it never ran there, or its chunks are past the topic's retention)");
            }
            return new TaskExecution(task, attempt, new RecordedAnswerModel(answer.get(), name, scheduler), name, deps);
        } catch (RuntimeException e) {
            LOG.warnf("task %s of %s: the chunks of %s cannot be read: %s", task.getTaskId(), task.getGenerationId(),
                    source, e.getMessage());
            return TaskExecution.failing(task, attempt, name, deps, "the chunks of generation " + source
                    + " cannot be read: " + e.getMessage());
        }
    }

    /** The response cache's key of a task's first prompt, with the model it would run on. */
    String cacheKeyOf(AgentTask task) {
        return cacheKeyOf(task, settingsFor(task).displayName());
    }

    /** The key of the task's first prompt with its context in a canonical order ({@link CacheKey#canonical}). */
    private String cacheKeyOf(AgentTask task, String model) {
        return CacheKey.of(model, prompts.prompt(task, CacheKey.canonical(task.getContext()), List.of(), 1.0, model)
                .messages());
    }

    /** An execution ended: a DONE one's answer, written in one go by its own model, joins the response cache. */
    public void ended(TaskExecution execution, TaskExecution.Outcome outcome) {
        CachingStreamingChatModel cached = caching.remove(execution);
        if (cached != null && outcome == TaskExecution.Outcome.DONE && !execution.failedOver()) {
            responses.taskDone(execution.task(), execution.attempt(), execution.modelName(), cached);
        } else {
            responses.taskEnded(execution.task(), execution.attempt());
        }
    }

    private NamedModel build(ModelSettings settings, AgentTask task) {
        return new NamedModel(settings.displayName(), ModelFactory.forTask(
                modelCache.computeIfAbsent(settings, models::create), task.getGenerationId(), task.getTaskId()));
    }

    /** Global settings, then this role's overrides, then the task's own model (if the allow-list lets it). */
    ModelSettings settingsFor(AgentTask task) {
        return settingsFor(task.getModel(), "model");
    }

    /** The configured settings with {@code requested} on top, refused unless it is configured or allowed. */
    ModelSettings settingsFor(String requested, String what) {
        StreamgenConfig.Llm llm = config.llm();
        var role = llm.roles().get(behaviour.role().name().toLowerCase(Locale.ROOT));
        ModelSettings settings = new ModelSettings(
                role == null ? llm.provider() : role.provider().orElse(llm.provider()),
                role == null ? llm.model() : role.model().orElse(llm.model()),
                role == null ? llm.baseUrl() : role.baseUrl().or(llm::baseUrl),
                role == null ? llm.apiKey() : role.apiKey().or(llm::apiKey),
                llm.timeout(), llm.template().tokensPerSecond(),
                llm.replayDir().filter(d -> !d.isBlank()).map(Path::of), llm.replaySpeed());
        if (requested != null && !requested.isBlank()) {
            ModelChoice choice = ModelChoice.parse(requested, settings.provider());
            if (!choice.equals(new ModelChoice(settings.provider(), settings.model()))
                    && !ModelChoice.allowed(choice, llm.allowedModels())) {
                throw new IllegalArgumentException("the request chose " + what + " " + choice + ", which the operator"
                        + " has not allowed (streamgen.llm.allowed-models=" + String.join(",", llm.allowedModels()) + ")");
            }
        }
        return settings.overriddenBy(requested);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
