package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.AnalyticsTally;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.MetricsSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-generation throughput figures for MetricsSnapshot events (verbose flag). */
final class Metrics {

    private final EngineSettings settings;

    Metrics(EngineSettings settings) {
        this.settings = settings;
    }

    void chunkApplied(GenerationContext ctx, Role role, String model, int tokens, long latencyMillis) {
        GenerationState state = ctx.state();
        state.chunks++;
        state.tokensByRole.merge(role, (long) tokens, Long::sum);
        AnalyticsTally.Usage usage = state.analytics.usage(role, model);
        usage.tokens += tokens;
        usage.chunks++;
        if (state.analytics.firstChunkAt < 0) {
            state.analytics.firstChunkAt = ctx.now();
        }
        state.latencies.add(Math.max(0, latencyMillis));
        if (state.latencies.size() > settings.latencyWindow()) {
            state.latencies.remove(0);
        }
        if (ctx.flags().getVerbose() && state.chunks % settings.metricsEveryChunks() == 0) {
            snapshot(ctx);
        }
    }

    void snapshot(GenerationContext ctx) {
        GenerationState state = ctx.state();
        List<Long> sorted = new ArrayList<>(state.latencies);
        Collections.sort(sorted);
        Map<String, Long> tokens = new TreeMap<>();
        state.tokensByRole.forEach((role, count) -> tokens.put(role.name(), count));
        Map<String, Double> rates = new TreeMap<>();
        state.tokensPerSecondByRole.forEach((role, rate) -> rates.put(role.name(), rate));
        ctx.emit(MetricsSnapshot.newBuilder().setTokensByRole(tokens).setTokensPerSecondByRole(rates)
                .setChunks(state.chunks).setChunkLatencyP50Millis(percentile(sorted, 0.50))
                .setChunkLatencyP99Millis(percentile(sorted, 0.99)).build());
    }

    /** Files found not to parse when a generation ended (Prometheus: streamgen_coordinator_unparsable_files_total). */
    void unparsable(int files) {
        io.micrometer.core.instrument.Metrics.counter("streamgen.coordinator.unparsable.files").increment(files);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0.0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
