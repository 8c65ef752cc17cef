package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.GenerationStatus;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.ChunkRejected;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.TaskStateChanged;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Size limits end the offending task or generation with an event, never the application. */
@TestPropertySource(properties = {"streamgen.coordinator.max-file-size=4KB",
        "streamgen.coordinator.max-generation-size=10KB"})
class SizeLimitTest extends WiredTopologyTest {

    @Test
    void givenAChunkThatTakesItsFileOverTheLimit_whenApplied_thenItIsRejectedAndItsTaskAndGenerationFailWithTheReason() {
        driver.request(flags().build());
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                "x".repeat(3000) + "\n"));
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                "y".repeat(2000) + "\n"));

        ChunkRejected rejected = driver.events(ChunkRejected.class).get(0);
        assertThat(rejected.getSeq()).isEqualTo(1);
        assertThat(rejected.getReason()).startsWith("file server.js would grow to 5.1 KiB")
                .endsWith("over the limit of 4 KiB per file");
        TaskStateChanged failed = driver.events(TaskStateChanged.class).get(0);
        assertThat(failed.getState()).isEqualTo(AgentState.FAILED);
        assertThat(failed.getError()).isEqualTo(rejected.getReason());
        assertThat(driver.events(GenerationFailed.class)).singleElement().satisfies(f -> assertThat(f.getReason())
                .isEqualTo("task skeleton-api failed: " + rejected.getReason()));
        assertThat(driver.content("server.js")).as("what was within the limit stays").hasSize(3001);
        assertThat(driver.state().status).isEqualTo(GenerationStatus.FAILED);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void givenFilesThatTakeTheGenerationOverItsLimit_whenApplied_thenTheGenerationFailsWithTheReason() {
        driver.request(flags().build());
        for (int i = 0; i < 4; i++) {
            driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "f" + i + ".js", null, ChunkOp.APPEND,
                    "z".repeat(3000) + "\n"));
        }

        assertThat(driver.events(ChunkRejected.class)).isEmpty();
        assertThat(driver.events(GenerationFailed.class)).singleElement().satisfies(f -> assertThat(f.getReason())
                .startsWith("the generation would grow to ").contains("with f3.js")
                .endsWith("over its limit of 10 KiB"));
        assertThat(driver.files().files).containsOnlyKeys("f0.js", "f1.js", "f2.js");
        assertThat(driver.state().bytes).isEqualTo(driver.files().files.values().stream()
                .mapToLong(f -> f.weight()).sum());
    }

    @Test
    void givenAnEditOverTheFileLimit_whenRequested_thenItIsRefusedWithTheReason() {
        driver.request(flags().build());
        driver.intervene(InterventionAction.EDIT, Intervention.newBuilder().setPath("notes.md")
                .setText("n".repeat(5000)));

        assertThat(driver.events(InterventionApplied.class)).singleElement().satisfies(applied -> {
            assertThat(applied.getAccepted()).isFalse();
            assertThat(applied.getDetail()).contains("over the limit of 4 KiB per file");
        });
        assertThat(driver.files().files).isEmpty();
    }
}
