package io.streamgen.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.gateway.api.Coordinator;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CheckpointFile;
import io.streamgen.schema.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A big generation's checkpoint (a manifest) replayed with every file's content, from the coordinator. */
class CheckpointContentsTest {

    @Test
    void shouldFillAManifestsFilesFromTheCoordinatorAndKeepInlineOnes() {
        CheckpointContents contents = contents("""
                {"checkpointId": 2, "files": {"src/big.js": {"content": "export const big = 1;\\n", "version": 3, "sha256": "abc"}}}""");

        Checkpoint complete = contents.complete(checkpoint(Map.of("src/big.js", file(null, "abc"),
                "README.md", file("# hi\n", "def"))));

        assertThat(complete.getFiles().get("src/big.js").getContent()).isEqualTo("export const big = 1;\n");
        assertThat(complete.getFiles().get("src/big.js").getSha256()).isEqualTo("abc");
        assertThat(complete.getFiles().get("README.md").getContent()).isEqualTo("# hi\n");
        assertThat(complete.getCheckpointId()).isEqualTo(2);
    }

    @Test
    void shouldNotAskTheCoordinatorWhenEveryContentIsInline() {
        Checkpoint inline = checkpoint(Map.of("a.js", file("1;\n", "x")));
        assertThat(contents(null).complete(inline)).isSameAs(inline);
    }

    @Test
    void shouldRefuseAVersionTheCoordinatorNoLongerHasRatherThanSendAnEmptyFile() {
        CheckpointContents contents = contents("""
                {"files": {"src/big.js": {"content": "newer", "version": 4, "sha256": "other"}}}""");

        assertThatThrownBy(() -> contents.complete(checkpoint(Map.of("src/big.js", file(null, "abc")))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("src/big.js at sha256 abc");
    }

    private static CheckpointContents contents(String answer) {
        CheckpointContents contents = new CheckpointContents();
        contents.mapper = new ObjectMapper();
        contents.coordinator = new Coordinator() {
            @Override
            public String checkpoint(String id, int n) {
                if (answer == null) {
                    throw new AssertionError("the coordinator was asked for " + id + "/" + n);
                }
                return answer;
            }
        };
        return contents;
    }

    private static CheckpointFile file(String content, String sha) {
        return CheckpointFile.newBuilder().setContent(content).setVersion(3).setSha256(sha).setRegions(List.of()).build();
    }

    private static Checkpoint checkpoint(Map<String, CheckpointFile> files) {
        return Checkpoint.newBuilder().setGenerationId("gen-big").setCheckpointId(2).setPhase(Phase.FEATURES)
                .setLabel("after features").setFiles(files).setCreatedAt(Instant.EPOCH).build();
    }
}
