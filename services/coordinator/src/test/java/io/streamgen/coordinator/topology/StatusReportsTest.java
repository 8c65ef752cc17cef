package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CacheProvenance;
import io.streamgen.schema.ContextReport;
import io.streamgen.schema.EnsemblePolicy;
import io.streamgen.schema.ModelPlan;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SwitchCause;
import io.streamgen.schema.event.AnswerCached;
import io.streamgen.schema.event.ContextTrimmed;
import io.streamgen.schema.event.ModelChanged;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16 wiring: plans and the cache flag go out with the tasks; what statuses report becomes events. */
class StatusReportsTest extends WiredTopologyTest {

    private static final ModelPlan API_PLAN = ModelPlan.newBuilder().setFallbacks(List.of("openai:gpt-4o-mini"))
            .setEnsemble(List.of()).setPolicy(EnsemblePolicy.FIRST_VALID).build();

    @Test
    void givenARequestWithAPlanAndNoCache_whenTasksAreIssued_thenEachCarriesItsRolesPlanAndTheCacheFlag() {
        driver.request(driver.newRequest(flags().setParallel(true).build()).setModels(Map.of("API", "openai:gpt-4o"))
                .setModelPlans(Map.of("API", API_PLAN)).setCache(false).build());

        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getModel, AgentTask::getPlan, AgentTask::getCache)
                .containsExactly(tuple("openai:gpt-4o", API_PLAN, false));
        assertThat(driver.tasks(Role.UI)).extracting(AgentTask::getModel, AgentTask::getPlan, AgentTask::getCache)
                .containsExactly(tuple(null, null, false));
    }

    @Test
    void givenStatusesReportingACachedAnswerATrimmedContextAndASwitch_thenEachIsAnnouncedOncePerAttempt() {
        driver.request(flags().build());
        CacheProvenance provenance = CacheProvenance.newBuilder().setKey("k1").setSourceGenerationId("gen-0")
                .setSourceTaskId("skeleton-api").setTokens(120).build();
        ContextReport report = ContextReport.newBuilder().setModel("template").setBudgetTokens(1000)
                .setUsedTokens(900).setWholeTokens(1500).setSummarised(List.of("SIGNATURE:api:x"))
                .setDropped(List.of()).build();
        ModelSwitch failover = ModelSwitch.newBuilder().setFromModel("openai:a").setToModel("openai:b")
                .setCause(SwitchCause.FAILOVER).setReason("429").build();

        for (int repeat = 0; repeat < 2; repeat++) { // statuses repeat what they report
            driver.send(driver.newStatus("skeleton-api", 1, Role.API, Phase.SKELETON, AgentState.STREAMING)
                    .setCachedFrom(provenance).setContext(report).setModelSwitch(failover).build());
        }
        driver.send(driver.newStatus("skeleton-api", 2, Role.API, Phase.SKELETON, AgentState.STREAMING)
                .setContext(report).build());

        assertThat(driver.events(AnswerCached.class)).extracting(AnswerCached::getTaskId, AnswerCached::getRole,
                AnswerCached::getProvenance).containsExactly(tuple("skeleton-api", Role.API, provenance));
        assertThat(driver.events(ContextTrimmed.class)).extracting(ContextTrimmed::getTaskId, ContextTrimmed::getReport)
                .as("once for attempt 1, once for attempt 2")
                .containsExactly(tuple("skeleton-api", report), tuple("skeleton-api", report));
        assertThat(driver.events(ModelChanged.class)).extracting(ModelChanged::getRole, ModelChanged::getTaskId,
                ModelChanged::getChange).containsExactly(tuple(Role.API, "skeleton-api", failover));
        assertThat(driver.state().analytics.cacheHits).isEqualTo(1);
        assertThat(driver.state().analytics.promptTokensSaved).isEqualTo(1200);
        assertThat(driver.state().analytics.retries).as("attempt 2").isEqualTo(1);
    }
}
