package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamgen.coordinator.state.GenerationStatus;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.TaskStateChanged;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** DESIGN §5 Deadlines, with the test settings: a 2 s deadline, 3 attempts, a look every 100 ms. */
class DeadlineTest extends WiredTopologyTest {

    private static final Duration PAST_DEADLINE = Duration.ofMillis(2300);

    @Test
    void givenASilentTask_whenItsDeadlinePasses_thenItIsIssuedAgainAsTheNextAttemptWhichThenCompletes() {
        driver.request(flags().build());
        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getAttempt).containsExactly(1);

        driver.advance(Duration.ofMillis(1500));
        assertThat(driver.tasks(Role.API)).as("still within the deadline").isEmpty();
        driver.advance(Duration.ofMillis(1000));

        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getTaskId, AgentTask::getAttempt)
                .containsExactly(tuple("skeleton-api", 2));
        assertThat(silences()).containsExactly(
                tuple("skeleton-api", 1, "no sign of life for 2 s; issued again as attempt 2"));

        driver.write("skeleton-api", 2, Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        assertThat(driver.content("server.js")).isEqualTo("// server\n");
        assertThat(driver.taskIds(Role.LOGIC)).as("the generation goes on").containsExactly("skeleton-logic");
    }

    @Test
    void givenATaskSilentInEveryAttempt_whenTheLastDeadlinePasses_thenTheTaskAndTheGenerationFailWithTheReason() {
        driver.request(flags().build());
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                "// half a server\n"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            driver.advance(PAST_DEADLINE);
        }
        driver.advance(Duration.ofSeconds(10)); // nothing more happens to an ended generation

        assertThat(silences()).containsExactly(
                tuple("skeleton-api", 1, "no sign of life for 2 s; issued again as attempt 2"),
                tuple("skeleton-api", 2, "no sign of life for 2 s; issued again as attempt 3"),
                tuple("skeleton-api", 3, "no sign of life for 2 s in 3 attempts"));
        assertThat(driver.events(GenerationFailed.class)).extracting(GenerationFailed::getReason, GenerationFailed::getCancelled)
                .containsExactly(tuple("task skeleton-api had no sign of life for 2 s in 3 attempts", false));
        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getAttempt).containsExactly(1, 2, 3);
        assertThat(driver.files().files).as("the silent attempt's half file was taken back").isEmpty();
        assertThat(driver.state().status).isEqualTo(GenerationStatus.FAILED);
        KeyValueStore<String, Long> index = driver.driver().getKeyValueStore(StoreNames.DEADLINES);
        assertThat(index.get(CoordinatorDriver.GENERATION)).as("an ended generation leaves the index").isNull();
    }

    @Test
    void givenAPausedGenerationOrAPausedTask_whenTimePasses_thenNothingTimesOutUntilAWholeDeadlineAfterResume() {
        driver.request(flags().build());
        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getAttempt).containsExactly(1);
        driver.intervene(InterventionAction.PAUSE);
        driver.advance(Duration.ofSeconds(10));
        assertThat(driver.tasks(Role.API)).as("a paused generation's task is not timed").isEmpty();

        driver.intervene(InterventionAction.RESUME);
        driver.advance(Duration.ofMillis(1500));
        assertThat(driver.tasks(Role.API)).as("its clock started again at resume").isEmpty();

        driver.status("skeleton-api", 1, Role.API, Phase.SKELETON, AgentState.PAUSED, null);
        driver.advance(Duration.ofSeconds(10));
        assertThat(driver.tasks(Role.API)).as("a task its agent reports PAUSED is not timed").isEmpty();
        assertThat(silences()).isEmpty();

        driver.status("skeleton-api", 1, Role.API, Phase.SKELETON, AgentState.STREAMING, null);
        driver.advance(PAST_DEADLINE);
        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getAttempt).containsExactly(2);
    }

    @Test
    void givenARolePausedByTheUser_whenTimePasses_thenOnlyTheOtherRolesAreTimed() {
        driver.request(flags().setParallel(true).build());
        driver.intervene(InterventionAction.PAUSE, Intervention.newBuilder().setRole(Role.UI));
        driver.advance(PAST_DEADLINE);

        assertThat(silences()).extracting(t -> t.toList().get(0)).containsExactlyInAnyOrder("skeleton-api",
                "skeleton-logic");
    }

    @Test
    void givenATaskShowingLife_whenLongerThanTheDeadlinePasses_thenItIsNotIssuedAgain() {
        driver.request(flags().build());
        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getAttempt).containsExactly(1);
        for (int second = 0; second < 4; second++) {
            driver.advance(Duration.ofSeconds(1));
            // a heartbeat: STREAMING with the tokens unchanged, while the model thinks
            driver.status("skeleton-api", 1, Role.API, Phase.SKELETON, AgentState.STREAMING, null);
        }
        for (int second = 0; second < 4; second++) {
            driver.advance(Duration.ofSeconds(1));
            driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                    "// line " + second + "\n"));
        }
        assertThat(driver.tasks(Role.API)).as("8 s of life, 2 s deadline").isEmpty();
        assertThat(silences()).isEmpty();

        driver.finish("skeleton-api", Role.API, Phase.SKELETON);
        assertThat(driver.content("server.js")).isEqualTo("// line 0\n// line 1\n// line 2\n// line 3\n");
        assertThat(driver.taskIds(Role.LOGIC)).containsExactly("skeleton-logic");
    }

    @Test
    void givenASilentOptionalTask_whenItsLastAttemptTimesOut_thenItsPhaseIsSkippedAndTheGenerationCompletes() {
        driver.request(flags().setParallel(true).setOptimize(true).build());
        for (Phase phase : List.of(Phase.SKELETON, Phase.FEATURES)) {
            String prefix = phase.name().toLowerCase();
            driver.write(prefix + "-api", Role.API, phase, "server.js", prefix, "// " + prefix + " api\n");
            driver.write(prefix + "-logic", Role.LOGIC, phase, "src/logic.js", prefix, "// " + prefix + " logic\n");
            driver.write(prefix + "-ui", Role.UI, phase, "index.html", prefix, "<!-- " + prefix + " ui -->\n");
        }
        assertThat(driver.taskIds(Role.OPTIMIZATION)).containsExactly("optimize-optimization");
        for (int attempt = 1; attempt <= 3; attempt++) {
            driver.advance(PAST_DEADLINE);
        }

        PhaseChanged skipped = driver.events(PhaseChanged.class).stream()
                .filter(p -> p.getState() == PhaseState.SKIPPED).findFirst().orElseThrow();
        assertThat(skipped.getPhase()).isEqualTo(Phase.OPTIMIZE);
        assertThat(skipped.getMessage()).isEqualTo("task optimize-optimization had no sign of life for 2 s in 3"
                + " attempts; the optional optimize phase is skipped");
        assertThat(driver.events(GenerationCompleted.class)).hasSize(1);
        assertThat(driver.events(GenerationFailed.class)).isEmpty();
    }

    private List<org.assertj.core.groups.Tuple> silences() {
        return driver.events(TaskStateChanged.class).stream().filter(t -> t.getState() == AgentState.FAILED)
                .map(t -> tuple(t.getTaskId(), t.getAttempt(), t.getError())).toList();
    }
}
