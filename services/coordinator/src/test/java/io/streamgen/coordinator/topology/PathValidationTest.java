package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.ChunkRejected;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.InterventionApplied;
import org.junit.jupiter.api.Test;

/** DESIGN §5 "Paths are validated where chunks enter" (the rule: schemas' GeneratedPath). */
class PathValidationTest extends WiredTopologyTest {

    @Test
    void givenChunksWithBadPaths_whenTheyArrive_thenEachIsRejectedWithAnEventAndTheTaskGoesOn() {
        driver.request(flags().build());
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "../../etc/cron.d/x", null, ChunkOp.APPEND,
                "* * * * * evil\n"));
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "./server.js", null, ChunkOp.APPEND,
                "// one\n"));
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "/etc/passwd", null, ChunkOp.REPLACE, "x"));
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "a\u0000b.js", null, ChunkOp.APPEND, "x"));
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                "// two\n"));
        driver.finish("skeleton-api", Role.API, Phase.SKELETON);

        assertThat(driver.events(ChunkRejected.class)).extracting(ChunkRejected::getTaskId, ChunkRejected::getSeq,
                ChunkRejected::getPath, ChunkRejected::getReason).containsExactly(
                        tuple("skeleton-api", 0L, "\"../../etc/cron.d/x\"", "path refused: a '..' segment"),
                        tuple("skeleton-api", 2L, "\"/etc/passwd\"", "path refused: an absolute path"),
                        tuple("skeleton-api", 3L, "\"a\\u0000b.js\"", "path refused: a NUL character"));
        assertThat(driver.files().files).as("./server.js and server.js are one file").containsOnlyKeys("server.js");
        assertThat(driver.content("server.js")).isEqualTo("// one\n// two\n");
        assertThat(driver.events(FileChanged.class)).extracting(FileChanged::getPath).containsOnly("server.js");
        assertThat(driver.taskIds(Role.LOGIC)).as("the task finished and the next one started")
                .containsExactly("skeleton-logic");
    }

    @Test
    void givenARejectedChunkAheadOfAGap_whenTheGapFills_thenTheLaterChunksStillApplyInOrder() {
        driver.request(flags().build());
        driver.send(driver.chunkAt("skeleton-api", 1, 1, Role.API, Phase.SKELETON, "C:\\x.js", null, ChunkOp.APPEND,
                "x"));
        driver.send(driver.chunkAt("skeleton-api", 1, 2, Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                "// b\n"));
        driver.send(driver.chunkAt("skeleton-api", 1, 0, Role.API, Phase.SKELETON, "server.js", null, ChunkOp.APPEND,
                "// a\n"));

        assertThat(driver.events(ChunkRejected.class)).extracting(ChunkRejected::getReason)
                .containsExactly("path refused: a drive path");
        assertThat(driver.content("server.js")).isEqualTo("// a\n// b\n");
    }

    @Test
    void givenAnEditOfABadPath_whenItArrives_thenItIsRefusedWithTheReason() {
        driver.request(flags().build());
        driver.intervene(InterventionAction.EDIT, Intervention.newBuilder().setPath("/etc/passwd").setText("x"));
        driver.intervene(InterventionAction.EDIT, Intervention.newBuilder().setPath("./notes.md").setText("hi\n"));

        assertThat(driver.events(InterventionApplied.class)).extracting(InterventionApplied::getAccepted,
                InterventionApplied::getDetail).containsExactly(
                        tuple(false, "the path \"/etc/passwd\" is refused: an absolute path"),
                        tuple(true, "edited ./notes.md"));
        assertThat(driver.files().files).containsOnlyKeys("notes.md");
    }
}
