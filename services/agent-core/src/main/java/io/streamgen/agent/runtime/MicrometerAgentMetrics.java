package io.streamgen.agent.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamgen.agent.metrics.AgentMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Agent metrics on {@code /q/metrics}, tagged by role and model. The meters counted per token and
 * per chunk are kept per model: a registry lookup builds and sorts the tags each time, and at a
 * fast model's rate that was the agents' first streamgen frame.
 */
final class MicrometerAgentMetrics implements AgentMetrics {

    private final MeterRegistry registry;
    private final String role;
    private final Map<String, AtomicLong> rates = new ConcurrentHashMap<>();
    private final Map<String, Counter> tokenCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> chunkCounters = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> chunkSizes = new ConcurrentHashMap<>();

    MicrometerAgentMetrics(MeterRegistry registry, String role) {
        this.registry = registry;
        this.role = role;
    }

    @Override
    public void tokens(String model, int count) {
        tokenCounters.computeIfAbsent(model, m -> registry.counter("streamgen.agent.tokens", "role", role, "model", m))
                .increment(count);
    }

    @Override
    public void chunk(String model, int tokens) {
        chunkCounters.computeIfAbsent(model, m -> registry.counter("streamgen.agent.chunks", "role", role, "model", m))
                .increment();
        chunkSizes.computeIfAbsent(model, m -> DistributionSummary.builder("streamgen.agent.flush.tokens")
                .description("tokens per published chunk").tags("role", role, "model", m).publishPercentiles(0.5, 0.95)
                .register(registry)).record(tokens);
    }

    @Override
    public void capHit(String model) {
        registry.counter("streamgen.agent.buffer.cap.hits", "role", role, "model", model).increment();
    }

    @Override
    public void timeToFirstToken(String model, Duration latency) {
        Timer.builder("streamgen.agent.time.to.first.token").tags("role", role, "model", model)
                .publishPercentiles(0.5, 0.95).register(registry).record(latency);
    }

    @Override
    public void tokensPerSecond(String model, double rate) {
        // the last reported rate of the model's tasks, in milli-tokens to keep a long gauge
        rates.computeIfAbsent(model, m -> registry.gauge("streamgen.agent.tokens.per.second",
                io.micrometer.core.instrument.Tags.of("role", role, "model", m), new AtomicLong(),
                v -> v.get() / 1000.0)).set(Math.round(rate * 1000));
    }

    @Override
    public void taskEnded(String model, String outcome) {
        registry.counter("streamgen.agent.tasks", "role", role, "model", model, "outcome", outcome).increment();
    }

    @Override
    public void prompt(String model, int tokens, int saved) {
        registry.counter("streamgen.agent.prompt.tokens", "role", role, "model", model).increment(tokens);
        registry.counter("streamgen.agent.prompt.tokens.saved", "role", role, "model", model).increment(saved);
    }

    @Override
    public void cacheLookup(String model, boolean hit) {
        registry.counter("streamgen.agent.cache.lookups", "role", role, "model", model, "result", hit ? "hit" : "miss")
                .increment();
    }

    @Override
    public void failover(String fromModel, String toModel) {
        registry.counter("streamgen.agent.failovers", "role", role, "from", fromModel, "to", toModel).increment();
    }

    @Override
    public void ensembleWin(String model, String policy) {
        registry.counter("streamgen.agent.ensemble.wins", "role", role, "model", model, "policy", policy).increment();
    }
}
