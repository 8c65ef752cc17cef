package io.streamgen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenTwoCheckpoints_whenCompared_thenEachFileIsAddedRemovedModifiedOrUnchanged() {
        JsonNode one = checkpoint(1, Map.of("server.js", file("a\nb\nc\n", 1, "s1"), "old.js", file("gone\n", 1, "o1"),
                "same.js", file("x\n", 2, "same")));
        JsonNode two = checkpoint(2, Map.of("server.js", file("a\nB\nc\n", 3, "s3"), "new.js", file("hello\n", 1, "n1"),
                "same.js", file("x\n", 2, "same")));

        CheckpointDiff.Result diff = CheckpointDiff.between("g", one, two);

        assertThat(diff.from()).isEqualTo(1);
        assertThat(diff.to()).isEqualTo(2);
        assertThat(diff.unchanged()).containsExactly("same.js");
        assertThat(diff.files()).extracting(CheckpointDiff.FileDiff::path).containsExactly("new.js", "old.js", "server.js");
        CheckpointDiff.FileDiff server = diff.files().get(2);
        assertThat(server.change()).isEqualTo("modified");
        assertThat(server.fromVersion()).isEqualTo(1);
        assertThat(server.toVersion()).isEqualTo(3);
        assertThat(server.diff()).isEqualTo("--- a/server.js\n+++ b/server.js\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n \n");
        assertThat(diff.files().get(0).change()).isEqualTo("added");
        assertThat(diff.files().get(0).diff()).contains("+hello");
        assertThat(diff.files().get(1).change()).isEqualTo("removed");
        assertThat(diff.files().get(1).diff()).contains("-gone");
    }

    @Test
    void givenAContentTheCoordinatorNoLongerKeeps_whenCompared_thenTheFileSaysSoWithoutADiff() {
        JsonNode one = checkpoint(1, Map.of("a.js", Map.of("version", 1, "sha256", "s1")));
        JsonNode two = checkpoint(2, Map.of("a.js", file("new\n", 2, "s2")));

        CheckpointDiff.FileDiff a = CheckpointDiff.between("g", one, two).files().get(0);

        assertThat(a.diff()).isNull();
        assertThat(a.detail()).contains("checkpoint 1");
    }

    @Test
    void givenTheSameText_whenDiffed_thenTheDiffIsEmpty() {
        assertThat(UnifiedDiffs.between("a.js", "x\n", "x\n")).isEmpty();
        // java-diff-utils numbers an insertion by the line it goes before (as the coordinator's diffs do)
        assertThat(UnifiedDiffs.between("a.js", "", "x")).isEqualTo("--- a/a.js\n+++ b/a.js\n@@ -1,0 +1,1 @@\n+x\n");
    }

    private static Map<String, Object> file(String content, int version, String sha) {
        return Map.of("content", content, "version", version, "sha256", sha);
    }

    private static JsonNode checkpoint(int n, Map<String, ?> files) {
        return JSON.valueToTree(Map.of("checkpointId", n, "phase", "SKELETON", "label", "after SKELETON",
                "createdAt", "2026-12-01T10:00:00Z", "files", files));
    }
}
