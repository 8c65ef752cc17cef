package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamgen.coordinator.engine.AnalyticsReport;
import io.streamgen.coordinator.engine.Prices;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.GenerationAnalytics;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.ModelUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16 item 7: a generation's analytics, emitted just before its end and kept in its state. */
class AnalyticsTest extends PricedAndFlooredTopologyTest {

    @Test
    void givenAWholeGeneration_whenItCompletes_thenItsAnalyticsComeJustBeforeWithUsageCostAndPhases() {
        driver.request(flags().setParallel(true).build());
        driver.send(driver.newStatus("skeleton-api", 1, Role.API, Phase.SKELETON, AgentState.STARTED)
                .setModel("openai:gpt-4o").setPromptTokens(1000).build());
        CodeChunk chunk = driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                "export function createApp() {}\n");
        driver.send(CodeChunk.newBuilder(chunk).setModel("openai:gpt-4o").setTokenCount(500).build());
        driver.finish("skeleton-api", Role.API, Phase.SKELETON);
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "src/logic.js", null, "// logic\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");
        for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
            String path = role == Role.UI ? "index.html" : role == Role.API ? "server.js" : "src/logic.js";
            driver.write("features-" + role.name().toLowerCase(), role, Phase.FEATURES, path, "more",
                    role == Role.UI ? "<p></p>\n" : "// more\n");
        }

        List<GenerationEvent> events = driver.events();
        GenerationEvent last = events.get(events.size() - 1);
        assertThat(last.getPayload()).isInstanceOf(GenerationCompleted.class);
        assertThat(events.get(events.size() - 2).getPayload()).isInstanceOf(GenerationAnalytics.class);
        GenerationAnalytics analytics = (GenerationAnalytics) events.get(events.size() - 2).getPayload();

        assertThat(analytics.getUsage()).extracting(ModelUsage::getRole, ModelUsage::getModel, ModelUsage::getChunks,
                ModelUsage::getPromptTokens).contains(
                        tuple(Role.API, "openai:gpt-4o", 1L, 1000L),
                        tuple(Role.API, "template", 3L, 0L), tuple(Role.UI, "template", 4L, 0L));
        ModelUsage priced = analytics.getUsage().stream().filter(u -> u.getModel().equals("openai:gpt-4o")).findFirst()
                .orElseThrow();
        assertThat(priced.getEstimatedCost()).as("1000 in at 2.5/M, 500 out at 10/M")
                .isCloseTo((1000 * 2.5 + 500 * 10) / 1e6, within(1e-12));
        assertThat(analytics.getEstimatedCost()).as("the template is free").isEqualTo(priced.getEstimatedCost());
        assertThat(analytics.getPhaseMillis()).containsOnlyKeys("SKELETON", "FEATURES");
        assertThat(analytics.getPhaseMillis().values()).allMatch(ms -> ms > 0);
        assertThat(analytics.getTimeToFirstTokenMillis()).as("request to the first chunk, 10 ms a record here")
                .isEqualTo(chunkTime(events) - events.get(0).getAt().toEpochMilli());
        assertThat(analytics.getTotalMillis())
                .isEqualTo(last.getAt().toEpochMilli() - events.get(0).getAt().toEpochMilli());
        assertThat(analytics.getCurrency()).isEqualTo("USD");
        assertThat(AnalyticsReport.of(driver.state(), prices(), System.currentTimeMillis()))
                .as("what the query answers afterwards").isEqualTo(analytics);
    }

    @Test
    void givenACancelledGeneration_thenItsAnalyticsComeJustBeforeGenerationFailed() {
        driver.request(flags().build());
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.intervene(InterventionAction.CANCEL);

        List<Object> payloads = driver.events().stream().map(GenerationEvent::getPayload).toList();
        assertThat(payloads.get(payloads.size() - 1)).isInstanceOf(GenerationFailed.class);
        GenerationAnalytics analytics = (GenerationAnalytics) payloads.get(payloads.size() - 2);
        assertThat(analytics.getUsage()).extracting(ModelUsage::getRole, ModelUsage::getTokens)
                .containsExactly(tuple(Role.API, 4L)); // "// server\n" counts 3 and its END 1
        assertThat(payloads.stream().filter(GenerationAnalytics.class::isInstance)).hasSize(1);
    }

    private static Prices prices() {
        return new Prices(Map.of("openai:gpt-4o", new Prices.Price(2.5, 10)), "USD");
    }

    private static long chunkTime(List<GenerationEvent> events) {
        // the first chunk's FileChanged carries the chunk record's time
        return events.stream().filter(e -> e.getPayload() instanceof io.streamgen.schema.event.FileChanged)
                .findFirst().orElseThrow().getAt().toEpochMilli();
    }
}
