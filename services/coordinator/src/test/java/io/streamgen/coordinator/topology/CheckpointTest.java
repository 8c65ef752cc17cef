package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.InterventionApplied;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class CheckpointTest extends WiredTopologyTest {

    @Test
    void givenAGeneration_whenEachPhaseEnds_thenTheFileSetIsStoredAndPublishedAsTheNextCheckpoint() {
        driver.request(flags().setParallel(true).build());
        for (Phase phase : List.of(Phase.SKELETON, Phase.FEATURES)) {
            for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
                driver.write(OrchestrationTest.id(phase, role), role, phase, role.name().toLowerCase() + ".js",
                        phase.name(), "// " + phase + "\n");
            }
        }

        List<Checkpoint> published = driver.checkpoints();
        assertThat(published).extracting(Checkpoint::getCheckpointId, Checkpoint::getPhase).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, Phase.SKELETON),
                org.assertj.core.groups.Tuple.tuple(2, Phase.FEATURES));
        assertThat(published.get(0).getFiles().get("ui.js").getContent()).isEqualTo("// SKELETON\n");
        assertThat(published.get(1).getFiles().get("ui.js").getContent()).isEqualTo("// SKELETON\n// FEATURES\n");
        assertThat(published.get(1).getFiles().get("ui.js").getRegions()).extracting(r -> r.getName())
                .containsExactly("SKELETON", "FEATURES");
        KeyValueStore<String, Checkpoint> store = driver.driver().getKeyValueStore(StoreNames.CHECKPOINTS);
        assertThat(store.get(CoordinatorDriver.GENERATION + "/2")).isEqualTo(published.get(1));
        assertThat(driver.events(CheckpointTaken.class)).extracting(CheckpointTaken::getLabel)
                .containsExactly("after skeleton", "after features");
    }

    @Test
    void givenACheckpointRequest_whenItArrives_thenACheckpointIsTakenAndTheRequestEchoed() {
        driver.request(flags().build());
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND, "x\n"));
        driver.intervene(InterventionAction.CHECKPOINT);

        assertThat(driver.checkpoints()).singleElement().satisfies(c -> {
            assertThat(c.getCheckpointId()).isEqualTo(1);
            assertThat(c.getFiles().get("server.js").getContent()).isEqualTo("x\n");
        });
        assertThat(driver.events(InterventionApplied.class)).singleElement()
                .satisfies(i -> assertThat(i.getAction()).isEqualTo(InterventionAction.CHECKPOINT));
    }

    @Test
    void givenTheCheckpointFlag_whenNStatementsAreApplied_thenACheckpointIsTakenEveryN() {
        // the test context sets streamgen.coordinator.checkpoint-every-statements=3
        driver.request(flags().setCheckpoint(true).build());
        for (int i = 0; i < 7; i++) {
            driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                    "line" + i + "\n"));
        }

        assertThat(driver.checkpoints()).extracting(Checkpoint::getCheckpointId).containsExactly(1, 2);
        assertThat(driver.events(CheckpointTaken.class)).extracting(CheckpointTaken::getLabel)
                .containsExactly("3 statements", "3 statements");
    }
}
