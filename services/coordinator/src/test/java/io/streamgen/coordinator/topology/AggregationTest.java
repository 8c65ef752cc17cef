package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.Region;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import org.junit.jupiter.api.Test;

class AggregationTest extends WiredTopologyTest {

    private static final String TASK = "skeleton-api";

    @Test
    void givenChunksOutOfOrder_whenTheGapFills_thenTheyAreAppliedInSeqOrder() {
        driver.request(flags().build());
        driver.send(chunk(2, "c\n"));
        driver.send(chunk(1, "b\n"));
        assertThat(driver.files().files).as("held behind the gap at seq 0").isEmpty();

        driver.send(chunk(0, "a\n"));
        assertThat(driver.content("server.js")).isEqualTo("a\nb\nc\n");
    }

    @Test
    void givenADuplicateChunk_whenItArrivesAgain_thenItIsIgnored() {
        driver.request(flags().build());
        driver.send(chunk(0, "a\n"));
        driver.send(chunk(1, "b\n"));
        driver.send(chunk(1, "b\n"));
        driver.send(chunk(0, "a\n"));

        assertThat(driver.content("server.js")).isEqualTo("a\nb\n");
        assertThat(driver.events(FileChanged.class)).hasSize(2);
    }

    @Test
    void givenANewAttempt_whenItsFirstChunkArrives_thenTheOldAttemptsRegionsAreResetAndItsLateChunksDropped() {
        driver.request(flags().build());
        driver.send(chunk(0, "old a\n"));
        driver.send(chunk(1, "old b\n"));

        driver.send(driver.chunkAt(TASK, 2, 0, Role.API, Phase.SKELETON, "server.js", "routes", ChunkOp.APPEND, "new\n"));
        driver.send(chunk(2, "late old c\n"));
        assertThat(driver.content("server.js")).isEqualTo("new\n");

        driver.send(driver.chunkAt(TASK, 2, 1, Role.API, Phase.SKELETON, "server.js", null, ChunkOp.END, ""));
        driver.status(TASK, 2, Role.API, Phase.SKELETON, AgentState.DONE, null);
        assertThat(driver.taskIds(Role.LOGIC)).containsExactly("skeleton-logic");
    }

    @Test
    void givenAFileMadeOfRegions_whenChunksArrive_thenRegionsKeepTheirOrderOwnerAndVersion() {
        driver.request(flags().setPreview(true).build());
        driver.send(chunk(0, "// @region routes\n"));
        io.streamgen.schema.CodeChunk listenChunk = driver.chunkAt(TASK, 1, 1, Role.API, Phase.SKELETON, "server.js",
                "listen", ChunkOp.APPEND, "listen(8080);\n");
        driver.send(listenChunk);
        driver.send(chunk(2, "// @endregion\n"));

        assertThat(driver.content("server.js")).isEqualTo("// @region routes\n// @endregion\nlisten(8080);\n");
        assertThat(driver.files().file("server.js").regions).extracting(r -> r.name, r -> r.owner, r -> r.version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("routes", Role.API, 2),
                        org.assertj.core.groups.Tuple.tuple("listen", Role.API, 1));
        assertThat(driver.events(FileChanged.class)).extracting(FileChanged::getOp)
                .containsExactly(FileOp.CREATED, FileOp.MODIFIED, FileOp.MODIFIED);
        FileChanged created = driver.events(FileChanged.class).get(0);
        assertThat(created.getContent()).isEqualTo("// @region routes\n");
        FileChanged modified = driver.events(FileChanged.class).get(1);
        assertThat(modified.getDiff()).contains("+listen(8080);").contains("--- a/server.js");
        assertThat(modified.getContent()).isNull();
        assertThat(driver.events(DraftChunk.class)).hasSize(3);
        DraftChunk draft = driver.events(DraftChunk.class).get(1);
        assertThat(draft.getTokenCount()).as("the chunk's own count").isEqualTo(listenChunk.getTokenCount());
        assertThat(draft.getProducedAt()).as("when its agent produced it").isEqualTo(listenChunk.getProducedAt());
        Region listen = driver.files().file("server.js").region("listen").orElseThrow();
        assertThat(listen.phase).isEqualTo(Phase.SKELETON);
    }

    @Test
    void givenALaterTaskOfTheSameRole_whenItWritesARegionAgain_thenItsVersionReplacesTheEarlierOne() {
        driver.request(flags().setParallel(true).setTest(true).build());
        for (Role role : java.util.List.of(Role.API, Role.LOGIC, Role.UI)) {
            driver.write(OrchestrationTest.id(Phase.SKELETON, role), role, Phase.SKELETON, role + ".js", null, "x\n");
        }
        driver.write("features-testing", Role.TESTING, Phase.FEATURES, "app.test.js", "imports",
                "import { test } from 'node:test';\n");
        for (Role role : java.util.List.of(Role.API, Role.LOGIC, Role.UI)) {
            driver.write(OrchestrationTest.id(Phase.FEATURES, role), role, Phase.FEATURES, role + ".js", null, "y\n");
        }
        driver.send(driver.chunk("test-testing", Role.TESTING, Phase.TEST, "app.test.js", "imports", ChunkOp.APPEND,
                "import { test } from 'node:test';\n"));
        driver.send(driver.chunk("test-testing", Role.TESTING, Phase.TEST, "app.test.js", "imports", ChunkOp.APPEND,
                "import assert from 'node:assert';\n"));

        assertThat(driver.content("app.test.js"))
                .isEqualTo("import { test } from 'node:test';\nimport assert from 'node:assert';\n");
        assertThat(driver.content("UI.js")).isEqualTo("y\n");
    }

    @Test
    void givenACancelledGeneration_whenChunksStillArrive_thenTheyAreIgnored() {
        driver.request(flags().build());
        driver.send(chunk(0, "a\n"));
        driver.intervene(io.streamgen.schema.InterventionAction.CANCEL);
        driver.send(chunk(1, "b\n"));

        assertThat(driver.content("server.js")).isEqualTo("a\n");
    }

    private io.streamgen.schema.CodeChunk chunk(long seq, String text) {
        return driver.chunkAt(TASK, 1, seq, Role.API, Phase.SKELETON, "server.js", "routes", ChunkOp.APPEND, text);
    }
}
