package io.streamgen.coordinator.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamgen.schema.Role;
import io.streamgen.schema.SwitchCause;
import io.streamgen.schema.event.GenerationAnalytics;
import io.streamgen.schema.event.ModelUsage;
import java.time.Duration;
import java.util.Locale;

/**
 * The analytics as Micrometer meters (Prometheus names in brackets), recorded when a generation
 * ends (and model changes, cache hits and saved prompt tokens as they happen). Like every meter of
 * a Kafka Streams app, a record processed again after an aborted transaction counts again.
 * infra/grafana/streamgen.json charts them; its test keeps the names in step.
 */
final class AnalyticsMetrics {

    /** [streamgen_coordinator_generation_tokens_total{role,model}] tokens written. */
    static final String TOKENS = "streamgen.coordinator.generation.tokens";
    /** [streamgen_coordinator_generation_prompt_tokens_total{role,model}] tokens sent in prompts. */
    static final String PROMPT_TOKENS = "streamgen.coordinator.generation.prompt.tokens";
    /** [streamgen_coordinator_generation_cost_total{model,currency}] estimated cost. */
    static final String COST = "streamgen.coordinator.generation.cost";
    /** [streamgen_coordinator_generations_total{outcome}]. */
    static final String GENERATIONS = "streamgen.coordinator.generations";
    /** [streamgen_coordinator_generation_duration_seconds{outcome}] request to end. */
    static final String DURATION = "streamgen.coordinator.generation.duration";
    /** [streamgen_coordinator_phase_duration_seconds{phase}]. */
    static final String PHASE = "streamgen.coordinator.phase.duration";
    /** [streamgen_coordinator_time_to_first_token_seconds] request to the first chunk. */
    static final String FIRST_TOKEN = "streamgen.coordinator.time.to.first.token";
    /** [streamgen_coordinator_conflicts_total]. */
    static final String CONFLICTS = "streamgen.coordinator.conflicts";
    /** [streamgen_coordinator_retries_total] attempts beyond a task's first. */
    static final String RETRIES = "streamgen.coordinator.retries";
    /** [streamgen_coordinator_cache_hits_total{role}]. */
    static final String CACHE_HITS = "streamgen.coordinator.cache.hits";
    /** [streamgen_coordinator_model_changes_total{role,cause}]. */
    static final String MODEL_CHANGES = "streamgen.coordinator.model.changes";
    /** [streamgen_coordinator_prompt_tokens_saved_total{role}] context tokens a trimmed prompt did not send. */
    static final String PROMPT_TOKENS_SAVED = "streamgen.coordinator.prompt.tokens.saved";

    private final MeterRegistry registry;

    AnalyticsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void cacheHit(Role role) {
        registry.counter(CACHE_HITS, "role", lower(role)).increment();
    }

    void modelChanged(Role role, SwitchCause cause) {
        registry.counter(MODEL_CHANGES, "role", lower(role), "cause", cause.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    void promptTokensSaved(Role role, long tokens) {
        registry.counter(PROMPT_TOKENS_SAVED, "role", lower(role)).increment(tokens);
    }

    void ended(GenerationAnalytics analytics, String outcome) {
        for (ModelUsage usage : analytics.getUsage()) {
            String role = lower(usage.getRole());
            Counter.builder(TOKENS).tags("role", role, "model", usage.getModel()).register(registry)
                    .increment(usage.getTokens());
            Counter.builder(PROMPT_TOKENS).tags("role", role, "model", usage.getModel()).register(registry)
                    .increment(usage.getPromptTokens());
            if (usage.getEstimatedCost() > 0) {
                registry.counter(COST, "model", usage.getModel(), "currency", analytics.getCurrency())
                        .increment(usage.getEstimatedCost());
            }
        }
        registry.counter(GENERATIONS, "outcome", outcome).increment();
        Timer.builder(DURATION).tag("outcome", outcome).register(registry)
                .record(Duration.ofMillis(analytics.getTotalMillis()));
        analytics.getPhaseMillis().forEach((phase, millis) -> Timer.builder(PHASE)
                .tag("phase", phase.toLowerCase(Locale.ROOT)).register(registry).record(Duration.ofMillis(millis)));
        if (analytics.getTimeToFirstTokenMillis() >= 0) {
            registry.timer(FIRST_TOKEN).record(Duration.ofMillis(analytics.getTimeToFirstTokenMillis()));
        }
        registry.counter(CONFLICTS).increment(analytics.getConflicts());
        registry.counter(RETRIES).increment(analytics.getRetries());
    }

    private static String lower(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
