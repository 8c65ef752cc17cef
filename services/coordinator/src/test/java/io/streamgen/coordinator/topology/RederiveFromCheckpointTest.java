package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Derivation;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A finished generation re-derived from one of its checkpoints (DESIGN §5): the new generation gets
 * the checkpoint's files from the source's task over the coordinator's seeds topic, one per record,
 * takes them as its checkpoint 1, and runs only the phases a rollback to that checkpoint runs again.
 */
class RederiveFromCheckpointTest extends WiredTopologyTest {

    private static final String SOURCE = CoordinatorDriver.GENERATION;
    private static final String DERIVED = "gen-derived";
    private static final Flags FLAGS = flags().setParallel(true).setOptimize(true).build();

    /**
     * The source: SKELETON (checkpoint 1), FEATURES with a requested checkpoint after the API's task
     * (2, mid-phase), the end of FEATURES (3), OPTIMIZE (4). Returns every published checkpoint.
     */
    private List<Checkpoint> runSource() {
        driver.request(FLAGS);
        for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
            answer(Phase.SKELETON, role);
        }
        answer(Phase.FEATURES, Role.API);
        driver.intervene(InterventionAction.CHECKPOINT);
        answer(Phase.FEATURES, Role.LOGIC);
        answer(Phase.FEATURES, Role.UI);
        answer(Phase.OPTIMIZE, Role.OPTIMIZATION);
        assertThat(events(SOURCE)).map(GenerationEvent::getPayload).last().isInstanceOf(GenerationCompleted.class);
        List<Checkpoint> checkpoints = driver.checkpoints();
        assertThat(checkpoints).extracting(Checkpoint::getCheckpointId).containsExactly(1, 2, 3, 4);
        return checkpoints;
    }

    /** What the agent of {@code role} answers in {@code phase}, the same in the source and in a re-derivation. */
    private void answer(Phase phase, Role role) {
        String task = OrchestrationTest.id(phase, role);
        if (phase == Phase.OPTIMIZE) {
            driver.send(driver.chunk(task, role, phase, "api.js", "FEATURES", ChunkOp.REPLACE, "// features, faster\n"));
        } else {
            driver.send(driver.chunk(task, role, phase, role.name().toLowerCase() + ".js", phase.name(),
                    ChunkOp.APPEND, "// " + phase.name().toLowerCase() + " of " + role.name().toLowerCase() + "\n"));
        }
        driver.finish(task, role, phase);
    }

    private void rederive(int checkpoint) {
        driver.use(DERIVED).request(driver.newRequest(FLAGS).setMergeStrategy(MergeStrategy.THREE_WAY)
                .setDerivedFrom(Derivation.newBuilder().setSourceGenerationId(SOURCE).setFromCheckpoint(checkpoint)
                        .build()).build());
    }

    @Test
    void givenAFinishedGeneration_whenReDerivedFromAMidPhaseCheckpoint_thenItStartsFromItsFilesAndRunsThatPhaseOn() {
        List<Checkpoint> source = runSource();
        Checkpoint mid = source.get(1);
        Map<String, String> sourceFinal = driver.files().contents();
        List<String> sourceTasks = taskIds(SOURCE);

        rederive(2);

        List<GenerationEvent> events = events(DERIVED);
        assertThat(events.get(0).getPayload()).isInstanceOfSatisfying(GenerationStarted.class,
                started -> assertThat(started.getMergeStrategy()).isEqualTo(MergeStrategy.THREE_WAY));
        List<FileChanged> seeded = new ArrayList<>();
        int i = 1;
        while (events.get(i).getPayload() instanceof FileChanged changed) {
            seeded.add(changed);
            i++;
        }
        assertThat(seeded).as("its first events are the checkpoint's files, whole").isNotEmpty()
                .allSatisfy(f -> assertThat(f.getOp()).isEqualTo(FileOp.CREATED));
        assertThat(contents(seeded)).isEqualTo(contents(mid));
        assertThat(contents(mid)).as("the mid-phase checkpoint holds the API's features, not the others'")
                .containsEntry("api.js", "// skeleton of api\n// features of api\n")
                .containsEntry("ui.js", "// skeleton of ui\n");
        assertThat(events.get(i).getPayload()).isInstanceOfSatisfying(CheckpointTaken.class,
                taken -> assertThat(taken.getCheckpointId()).isEqualTo(1));
        assertThat(events.get(i + 1).getPayload()).isInstanceOfSatisfying(PhaseChanged.class, phase -> {
            assertThat(phase.getPhase()).as("a mid-phase checkpoint runs the phase it was taken in").isEqualTo(Phase.FEATURES);
            assertThat(phase.getState()).isEqualTo(PhaseState.STARTED);
        });
        Checkpoint first = checkpointsOf(DERIVED).get(0);
        assertThat(first.getCheckpointId()).isEqualTo(1);
        assertThat(contents(first)).as("its checkpoint 1 is the seeded state").isEqualTo(contents(mid));
        first.getFiles().forEach((path, file) -> assertThat(file.getRegions()).as(path)
                .isEqualTo(mid.getFiles().get(path).getRegions()));
        assertThat(driver.use(DERIVED).state().rerunFrom).containsEntry(1, 1);

        List<AgentTask> issued = tasksOf(DERIVED);
        assertThat(issued).extracting(AgentTask::getTaskId).as("no skeleton task")
                .containsExactlyInAnyOrder("features-api", "features-logic", "features-ui");
        assertThat(issued).allSatisfy(task -> {
            assertThat(task.getDerivedFrom().getSourceGenerationId()).isEqualTo(SOURCE);
            assertThat(task.getDerivedFrom().getFromCheckpoint()).isEqualTo(2);
        });

        // the agents answer with the source's recordings
        for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
            answer(Phase.FEATURES, role);
        }
        assertThat(tasksOf(DERIVED)).extracting(AgentTask::getTaskId).containsExactly("optimize-optimization");
        answer(Phase.OPTIMIZE, Role.OPTIMIZATION);

        assertThat(events(DERIVED)).map(GenerationEvent::getPayload).last().isInstanceOf(GenerationCompleted.class);
        assertThat(driver.files().contents()).as("the same end as the source's").isEqualTo(sourceFinal);
        assertThat(sourceTasks).contains("skeleton-api", "skeleton-logic", "skeleton-ui");
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void givenAFinishedGeneration_whenReDerivedFromAPhaseEndCheckpoint_thenOnlyTheLaterPhasesRun() {
        List<Checkpoint> source = runSource();

        rederive(3);

        assertThat(contents(checkpointsOf(DERIVED).get(0))).isEqualTo(contents(source.get(2)));
        assertThat(tasksOf(DERIVED)).extracting(AgentTask::getTaskId).containsExactly("optimize-optimization");
        answer(Phase.OPTIMIZE, Role.OPTIMIZATION);
        assertThat(events(DERIVED)).map(GenerationEvent::getPayload).filteredOn(PhaseChanged.class::isInstance)
                .map(p -> ((PhaseChanged) p).getPhase()).containsOnly(Phase.OPTIMIZE);
        assertThat(events(DERIVED)).map(GenerationEvent::getPayload).last().isInstanceOf(GenerationCompleted.class);
        assertThat(driver.files().contents()).isEqualTo(contents(source.get(3)));
    }

    @Test
    void givenAnUnknownCheckpoint_whenReDeriving_thenTheNewGenerationFailsWithTheReason() {
        runSource();

        rederive(9);

        assertThat(events(DERIVED)).map(GenerationEvent::getPayload).filteredOn(GenerationFailed.class::isInstance)
                .singleElement().satisfies(p -> assertThat(((GenerationFailed) p).getReason()).isEqualTo(
                        "cannot re-derive from checkpoint 9 of generation gen-test: it has checkpoints 1 to 4"));
        assertThat(events(DERIVED)).map(GenerationEvent::getPayload).noneMatch(FileChanged.class::isInstance);
        assertThat(tasksOf(DERIVED)).isEmpty();
        assertThat(driver.use(DERIVED).files().contents()).isEmpty();
    }

    @Test
    void givenAnUnknownSource_whenReDeriving_thenTheNewGenerationFailsWithTheReason() {
        rederive(1);

        assertThat(events(DERIVED)).map(GenerationEvent::getPayload).filteredOn(GenerationFailed.class::isInstance)
                .singleElement().satisfies(p -> assertThat(((GenerationFailed) p).getReason()).isEqualTo(
                        "cannot re-derive from checkpoint 1 of generation gen-test: the coordinator does not know that"
                                + " generation"));
        assertThat(tasksOf(DERIVED)).isEmpty();
    }

    // ---- helpers: the output topics hold both generations

    private List<GenerationEvent> events(String id) {
        return driver.events().stream().filter(e -> e.getGenerationId().equals(id)).toList();
    }

    private final List<AgentTask> tasks = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();

    /** The tasks issued for {@code id} since the last call. */
    private List<AgentTask> tasksOf(String id) {
        List<AgentTask> fresh = new ArrayList<>();
        for (Role role : Role.values()) {
            driver.tasks(role).forEach(tasks::add);
        }
        tasks.removeIf(t -> {
            boolean match = t.getGenerationId().equals(id);
            if (match) {
                fresh.add(t);
            }
            return match;
        });
        return fresh;
    }

    private List<String> taskIds(String id) {
        return tasksOf(id).stream().map(AgentTask::getTaskId).toList();
    }

    private List<Checkpoint> checkpointsOf(String id) {
        checkpoints.addAll(driver.checkpoints());
        return checkpoints.stream().filter(c -> c.getGenerationId().equals(id)).toList();
    }

    private static Map<String, String> contents(Checkpoint checkpoint) {
        Map<String, String> files = new TreeMap<>();
        checkpoint.getFiles().forEach((path, file) -> files.put(path, file.getContent()));
        return files;
    }

    private static Map<String, String> contents(List<FileChanged> changes) {
        Map<String, String> files = new TreeMap<>();
        changes.forEach(f -> {
            files.put(f.getPath(), f.getContent());
            assertThat(f.getSha256()).isEqualTo(SourceFile.sha256(f.getContent()));
        });
        return files;
    }
}
