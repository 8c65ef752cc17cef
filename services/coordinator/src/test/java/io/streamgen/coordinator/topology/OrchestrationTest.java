package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.AgentState;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.TaskStateChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrchestrationTest extends WiredTopologyTest {

    @Test
    void givenNoParallelFlag_whenEachRoleFinishes_thenTheNextRoleGetsItsTaskInDependencyOrder() {
        driver.request(flags().build());
        assertThat(driver.taskIds(Role.API)).containsExactly("skeleton-api");
        assertThat(driver.taskIds(Role.LOGIC)).isEmpty();
        assertThat(driver.taskIds(Role.UI)).isEmpty();

        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        assertThat(driver.taskIds(Role.LOGIC)).containsExactly("skeleton-logic");
        assertThat(driver.taskIds(Role.UI)).isEmpty();

        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "state.js", null, "// state\n");
        assertThat(driver.taskIds(Role.UI)).containsExactly("skeleton-ui");
        assertThat(driver.taskIds(Role.API)).isEmpty();

        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");
        assertThat(driver.taskIds(Role.API)).containsExactly("features-api");
        assertThat(driver.events(PhaseChanged.class)).extracting(PhaseChanged::getPhase, PhaseChanged::getState)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Phase.SKELETON, PhaseState.STARTED),
                        org.assertj.core.groups.Tuple.tuple(Phase.SKELETON, PhaseState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple(Phase.FEATURES, PhaseState.STARTED));
    }

    @Test
    void givenParallel_whenAPhaseStarts_thenEveryRoleGetsItsTaskAtOnce() {
        driver.request(flags().setParallel(true).build());

        assertThat(driver.taskIds(Role.API)).containsExactly("skeleton-api");
        assertThat(driver.taskIds(Role.LOGIC)).containsExactly("skeleton-logic");
        assertThat(driver.taskIds(Role.UI)).containsExactly("skeleton-ui");

        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        assertThat(driver.taskIds(Role.API)).as("the phase waits for LOGIC").isEmpty();
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "state.js", null, "// state\n");

        assertThat(driver.taskIds(Role.API)).containsExactly("features-api");
        assertThat(driver.taskIds(Role.LOGIC)).containsExactly("features-logic");
        assertThat(driver.taskIds(Role.UI)).containsExactly("features-ui");
    }

    @Test
    void givenTestFlag_whenFeaturesStart_thenTheTestingAgentWorksAlongsideEvenWithoutParallel() {
        driver.request(flags().setTest(true).build());
        runSkeletonSequentially();

        assertThat(driver.taskIds(Role.TESTING)).containsExactly("features-testing");
        assertThat(driver.taskIds(Role.LOGIC)).doesNotContain("features-logic");
    }

    @Test
    void givenAllFlags_whenEveryTaskIsDone_thenAllFourPhasesRunAndTheGenerationCompletesWithASummary() {
        driver.request(flags().setParallel(true).setOptimize(true).setTest(true).build());
        for (Phase phase : List.of(Phase.SKELETON, Phase.FEATURES)) {
            for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
                driver.write(id(phase, role), role, phase, role.name().toLowerCase() + ".js", phase.name(),
                        "// " + phase + " " + role + "\n");
            }
        }
        driver.write("features-testing", Role.TESTING, Phase.FEATURES, "app.test.js", null, "// tests\n");
        driver.send(driver.chunk("optimize-optimization", Role.OPTIMIZATION, Phase.OPTIMIZE, "api.js", "SKELETON",
                io.streamgen.schema.ChunkOp.REPLACE, "// optimised\n"));
        driver.finish("optimize-optimization", Role.OPTIMIZATION, Phase.OPTIMIZE);
        driver.write("test-testing", Role.TESTING, Phase.TEST, "app.test.js", null, "// more tests\n");

        GenerationStarted started = driver.events(GenerationStarted.class).get(0);
        assertThat(started.getPhases()).containsExactly(Phase.SKELETON, Phase.FEATURES, Phase.OPTIMIZE, Phase.TEST);
        assertThat(driver.events(CheckpointTaken.class)).extracting(CheckpointTaken::getPhase)
                .containsExactly(Phase.SKELETON, Phase.FEATURES, Phase.OPTIMIZE, Phase.TEST);
        GenerationCompleted completed = driver.events(GenerationCompleted.class).get(0);
        assertThat(completed.getFiles()).containsExactly("api.js", "app.test.js", "logic.js", "ui.js");
        assertThat(completed.getTokensByRole()).containsKeys("API", "LOGIC", "UI", "OPTIMIZATION", "TESTING");
        assertThat(completed.getPhaseMillis()).containsKeys("SKELETON", "FEATURES", "OPTIMIZE", "TEST");
        assertThat(completed.getLastCheckpointId()).isEqualTo(4);
        assertThat(driver.events().get(driver.events().size() - 1).getProgress()).isEqualTo(1.0);
        assertThat(driver.content("api.js")).isEqualTo("// optimised\n// FEATURES API\n");
        assertThat(driver.events(TaskStateChanged.class)).allMatch(t -> t.getTokensPerSecond() == 50.0);
    }

    @Test
    void givenTheOptimisePhase_whenItsTaskIsReleased_thenItGetsTheMergedFilesWithRegionMarkersAsContext() {
        driver.request(flags().setParallel(true).setOptimize(true).build());
        for (Phase phase : List.of(Phase.SKELETON, Phase.FEATURES)) {
            for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
                driver.write(id(phase, role), role, phase, role == Role.UI ? "index.html" : "app.js",
                        phase + "-" + role, "x();\n");
            }
        }
        io.streamgen.schema.AgentTask optimise = driver.tasks(Role.OPTIMIZATION).get(0);
        assertThat(optimise.getContext()).filteredOn(c -> c.getKind() == io.streamgen.schema.ContextKind.FILE)
                .extracting(c -> c.getName(), c -> c.getText()).contains(
                        org.assertj.core.groups.Tuple.tuple("index.html", "<!-- @region SKELETON-UI -->\nx();\n"
                                + "<!-- @endregion -->\n<!-- @region FEATURES-UI -->\nx();\n<!-- @endregion -->\n"));
    }

    @Test
    void givenAFailedTask_whenItStaysFailed_thenTheGenerationFails() {
        driver.request(flags().build());
        driver.status("skeleton-api", 1, Role.API, Phase.SKELETON, AgentState.FAILED, "model timed out");

        GenerationFailed failed = driver.events(GenerationFailed.class).get(0);
        assertThat(failed.getReason()).contains("skeleton-api").contains("model timed out");
        assertThat(failed.getCancelled()).isFalse();
        assertThat(failed.getPhase()).isEqualTo(Phase.SKELETON);
    }

    @Test
    void givenTheOptionalOptimisation_whenItFails_thenThePhaseIsSkippedWithAWarningAndTheGenerationGoesOn() {
        driver.request(flags().setParallel(true).setOptimize(true).build());
        for (Phase phase : List.of(Phase.SKELETON, Phase.FEATURES)) {
            for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
                driver.write(id(phase, role), role, phase, "app.js", role.name(), "// " + role + "\n");
            }
        }
        String before = driver.content("app.js");
        driver.send(driver.chunk("optimize-optimization", Role.OPTIMIZATION, Phase.OPTIMIZE, "app.js", "UI",
                io.streamgen.schema.ChunkOp.REPLACE, "// half-optimised\n"));
        driver.status("optimize-optimization", 1, Role.OPTIMIZATION, Phase.OPTIMIZE, AgentState.FAILED, "boom");

        assertThat(driver.events(PhaseChanged.class)).anySatisfy(p -> {
            assertThat(p.getPhase()).isEqualTo(Phase.OPTIMIZE);
            assertThat(p.getState()).isEqualTo(PhaseState.SKIPPED);
            assertThat(p.getMessage()).contains("boom");
        });
        assertThat(driver.events(GenerationCompleted.class)).hasSize(1);
        assertThat(driver.content("app.js")).isEqualTo(before);
    }

    private void runSkeletonSequentially() {
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "state.js", null, "// state\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");
        assertThat(driver.taskIds(Role.API)).containsExactly("skeleton-api", "features-api");
    }

    static String id(Phase phase, Role role) {
        return phase.name().toLowerCase() + "-" + role.name().toLowerCase();
    }
}
