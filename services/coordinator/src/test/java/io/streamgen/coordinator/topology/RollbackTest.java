package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.RolledBack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RollbackTest extends WiredTopologyTest {

    @Test
    void givenACompletedGeneration_whenRolledBackToTheSkeletonCheckpoint_thenFilesAreByteIdenticalAndFeaturesRunAgain() {
        driver.request(flags().setParallel(true).build());
        runPhase(Phase.SKELETON, 1, "// skeleton\n");
        runPhase(Phase.FEATURES, 1, "// features \u2713\n");
        driver.send(driver.chunk("features-extra", Role.UI, Phase.FEATURES, "extra.js", null, ChunkOp.APPEND, "x"));
        Checkpoint skeleton = driver.checkpoints().get(0);
        Map<String, String> viewer = replay(driver.events());
        int seen = driver.events().size();

        driver.intervene(InterventionAction.ROLLBACK, Intervention.newBuilder().setCheckpointId(1)
                .setText("use tabs"));

        List<GenerationEvent> after = driver.events().subList(seen, driver.events().size());
        assertThat(after.get(0).getPayload()).isInstanceOf(InterventionApplied.class);
        RolledBack rolledBack = (RolledBack) after.get(1).getPayload();
        assertThat(rolledBack.getCheckpointId()).isEqualTo(1);
        assertThat(rolledBack.getRerunFrom()).isEqualTo(Phase.FEATURES);
        assertThat(rolledBack.getSteering()).isEqualTo("use tabs");
        assertThat(driver.state().analytics.endedAt).as("running again: the query measures it to now").isEqualTo(-1);
        Map<String, String> expected = new TreeMap<>();
        skeleton.getFiles().forEach((path, file) -> expected.put(path, file.getContent()));
        assertThat(driver.files().contents()).isEqualTo(expected);
        driver.files().files.forEach((path, file) -> assertThat(SourceFile.sha256(file.content()))
                .isEqualTo(skeleton.getFiles().get(path).getSha256()));
        assertThat(replay(after, viewer)).as("a viewer following the events is back at checkpoint 1")
                .isEqualTo(expected);
        assertThat(after).map(GenerationEvent::getPayload).filteredOn(PhaseChanged.class::isInstance)
                .map(PhaseChanged.class::cast).extracting(PhaseChanged::getPhase, PhaseChanged::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Phase.FEATURES, PhaseState.STARTED));

        List<AgentTask> rerun = driver.tasks(Role.UI);
        assertThat(rerun).last().satisfies(task -> {
            assertThat(task.getTaskId()).isEqualTo("features-ui");
            assertThat(task.getAttempt()).isEqualTo(2);
            assertThat(task.getInstructions()).contains("use tabs");
        });

        driver.send(driver.chunk("features-ui", 1, Role.UI, Phase.FEATURES, "ui.js", "FEATURES", ChunkOp.APPEND,
                "stale attempt 1\n"));
        runPhase(Phase.FEATURES, 2, "// features again\n");
        assertThat(driver.content("ui.js")).isEqualTo("// skeleton\n// features again\n");
        assertThat(driver.events(GenerationCompleted.class)).hasSize(2);
        assertThat(driver.checkpoints()).extracting(Checkpoint::getCheckpointId).containsExactly(3);
        assertThat(driver.events(io.streamgen.schema.event.GenerationAnalytics.class))
                .as("each end has its analytics, the re-run's counted to its own end").hasSize(2)
                .extracting(io.streamgen.schema.event.GenerationAnalytics::getTotalMillis).isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void givenAnUnknownCheckpoint_whenRollingBack_thenTheRequestIsRefusedAndNothingChanges() {
        driver.request(flags().setParallel(true).build());
        runPhase(Phase.SKELETON, 1, "// skeleton\n");
        Map<String, String> before = driver.files().contents();

        driver.intervene(InterventionAction.ROLLBACK, Intervention.newBuilder().setCheckpointId(9));

        InterventionApplied refused = driver.events(InterventionApplied.class).get(0);
        assertThat(refused.getAccepted()).isFalse();
        assertThat(refused.getDetail()).isEqualTo("no checkpoint 9");
        assertThat(driver.files().contents()).isEqualTo(before);
    }

    private void runPhase(Phase phase, int attempt, String text) {
        for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
            String task = OrchestrationTest.id(phase, role);
            driver.send(driver.chunk(task, attempt, role, phase, role.name().toLowerCase() + ".js", phase.name(),
                    ChunkOp.APPEND, text));
            driver.send(driver.chunk(task, attempt, role, phase, "", null, ChunkOp.END, ""));
            driver.status(task, attempt, role, phase, io.streamgen.schema.AgentState.DONE, null);
        }
    }

    private static Map<String, String> replay(List<GenerationEvent> events) {
        return replay(events, new TreeMap<>());
    }

    /** What a viewer holds after applying FileChanged events (content when given, else the diff's result). */
    private static Map<String, String> replay(List<GenerationEvent> events, Map<String, String> start) {
        Map<String, String> files = new TreeMap<>(start);
        for (GenerationEvent event : events) {
            if (event.getPayload() instanceof FileChanged changed) {
                if (changed.getOp() == FileOp.DELETED) {
                    files.remove(changed.getPath());
                } else if (changed.getContent() != null) {
                    files.put(changed.getPath(), changed.getContent());
                } else {
                    files.put(changed.getPath(), Patches.apply(files.get(changed.getPath()), changed.getDiff()));
                }
            }
        }
        return files;
    }
}
