package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.AnalyticsTally;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.schema.event.GenerationAnalytics;
import io.streamgen.schema.event.ModelUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generation's {@code GenerationAnalytics} from its state: the one definition the event at its end
 * and the query ({@code GET /generations/{id}/analytics}) share, so both say the same.
 */
public final class AnalyticsReport {

    private AnalyticsReport() {
    }

    /**
     * @param now the time a running generation is measured to (its phase in progress is not yet
     *        counted); an ended one is measured to its end
     */
    public static GenerationAnalytics of(GenerationState state, Prices prices, long now) {
        AnalyticsTally tally = state.analytics;
        long end = tally.endedAt >= 0 ? tally.endedAt : now;
        List<ModelUsage> usage = tally.usage.values().stream().map(u -> ModelUsage.newBuilder().setRole(u.role)
                .setModel(u.model).setTokens(u.tokens).setChunks(u.chunks).setPromptTokens(u.promptTokens)
                .setEstimatedCost(prices.cost(u.model, u.promptTokens, u.tokens)).build()).toList();
        Map<String, Long> phases = new LinkedHashMap<>();
        state.phaseMillis.forEach((phase, millis) -> phases.put(phase.name(), millis));
        return GenerationAnalytics.newBuilder().setUsage(usage).setPhaseMillis(phases)
                .setTimeToFirstTokenMillis(tally.firstChunkAt < 0 ? -1 : tally.firstChunkAt - state.startedAt)
                .setTotalMillis(Math.max(0, end - state.startedAt)).setConflicts(state.conflicts)
                .setCacheHits(tally.cacheHits).setRetries(tally.retries).setModelChanges(tally.modelChanges)
                .setPromptTokensSaved(tally.promptTokensSaved)
                .setEstimatedCost(usage.stream().mapToDouble(ModelUsage::getEstimatedCost).sum())
                .setCurrency(prices.currency()).build();
    }
}
