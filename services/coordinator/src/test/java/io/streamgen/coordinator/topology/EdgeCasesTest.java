package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.BusMessage;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.MetricsSnapshot;
import io.streamgen.schema.event.RolledBack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EdgeCasesTest extends WiredTopologyTest {

    @Test
    void givenAGapThatNeverFills_whenMoreChunksThanTheBoundAreHeld_thenTheGapIsSkipped() {
        // the test context sets streamgen.coordinator.max-held-chunks=5
        driver.request(flags().build());
        for (long seq = 1; seq <= 6; seq++) {
            driver.send(driver.chunkAt("skeleton-api", 1, seq, Role.API, Phase.SKELETON, "server.js", null,
                    ChunkOp.APPEND, seq + "\n"));
        }
        assertThat(driver.content("server.js")).isEqualTo("1\n2\n3\n4\n5\n6\n");
    }

    @Test
    void givenTheVerboseFlag_whenAgentsTalkAndWrite_thenBusMessagesAndMetricsSnapshotsAreEvents() {
        driver.request(flags().setVerbose(true).build());
        driver.bus(Role.UI, MessageType.COMPONENT_CREATED, "ui:TodoList", "api:fetchTodos");
        for (int i = 0; i < 4; i++) {
            driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                    "line " + i + "\n"));
        }

        BusMessage bus = driver.events(BusMessage.class).get(0);
        assertThat(bus.getLabel()).isEqualTo("ui:component-created");
        assertThat(bus.getRequires()).containsExactly("api:fetchTodos");
        MetricsSnapshot metrics = driver.events(MetricsSnapshot.class).get(0);
        assertThat(metrics.getChunks()).isEqualTo(4);
        assertThat(metrics.getTokensByRole()).containsOnlyKeys("API");
        assertThat(metrics.getChunkLatencyP99Millis()).isGreaterThanOrEqualTo(metrics.getChunkLatencyP50Millis());
    }

    @Test
    void givenNoVerboseFlag_whenAgentsTalk_thenNoBusMessageEventIsPublished() {
        driver.request(flags().build());
        driver.bus(Role.UI, MessageType.COMPONENT_CREATED, "ui:TodoList");
        assertThat(driver.events(BusMessage.class)).isEmpty();
    }

    @Test
    void givenARedeliveredRequestAndIntervention_whenTheyArriveTwice_thenEachIsAppliedOnce() {
        driver.request(flags().build());
        driver.request(flags().setParallel(true).build());
        Intervention.Builder pause = Intervention.newBuilder().setInterventionId(UUID.randomUUID().toString())
                .setGenerationId(CoordinatorDriver.GENERATION).setAction(InterventionAction.PAUSE)
                .setRequestedBy("tester").setAt(java.time.Instant.now());
        driver.intervene(InterventionAction.PAUSE, Intervention.newBuilder(pause.build()));

        assertThat(driver.events(GenerationStarted.class)).hasSize(1);
        assertThat(driver.taskIds(Role.LOGIC)).as("the first request (not parallel) stands").isEmpty();
        assertThat(driver.events(InterventionApplied.class)).hasSize(1);
    }

    @Test
    void givenACheckpointInsideAPhase_whenRolledBackToIt_thenThatPhaseRunsAgainFromTheCheckpointsFiles() {
        driver.request(flags().setParallel(true).build());
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", "routes", ChunkOp.APPEND,
                "get('/todos');\n"));
        driver.intervene(InterventionAction.CHECKPOINT);
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", "routes", ChunkOp.APPEND,
                "post('/todos');\n"));
        driver.tasks(Role.API);

        driver.intervene(InterventionAction.ROLLBACK, Intervention.newBuilder().setCheckpointId(1));
        assertThat(driver.content("server.js")).isEqualTo("get('/todos');\n");
        assertThat(driver.events(RolledBack.class).get(0).getRerunFrom()).isEqualTo(Phase.SKELETON);
        List<AgentTask> rerun = driver.tasks(Role.API);
        assertThat(rerun).extracting(AgentTask::getTaskId, AgentTask::getAttempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("skeleton-api", 2));

        driver.send(driver.chunk("skeleton-api", 2, Role.API, Phase.SKELETON, "server.js", "routes", ChunkOp.APPEND,
                "get('/v2/todos');\n"));
        assertThat(driver.content("server.js")).as("the new attempt starts the region afresh")
                .isEqualTo("get('/v2/todos');\n");
    }
}
