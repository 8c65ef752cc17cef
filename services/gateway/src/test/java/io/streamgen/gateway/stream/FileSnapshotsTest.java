package io.streamgen.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.gateway.api.UnifiedDiffs;
import org.junit.jupiter.api.Test;

class FileSnapshotsTest {

    private static final String V1 = "export function add(a, b) {\n  return a + b;\n}\n";
    private static final String V2 = "export function add(a, b) {\n  return a + b;\n}\n\nexport function sub(a, b) {\n  return a - b;\n}\n";

    @Test
    void shouldApplyTheCoordinatorsDiffs() {
        assertThat(FileSnapshots.applied(V1, UnifiedDiffs.between("src/logic.js", V1, V2))).isEqualTo(V2);
        assertThat(FileSnapshots.applied(V2, UnifiedDiffs.between("src/logic.js", V2, V1))).isEqualTo(V1);
        assertThat(FileSnapshots.applied("", UnifiedDiffs.between("src/logic.js", "", V1))).isEqualTo(V1);
        assertThat(FileSnapshots.applied("a\nb\n", UnifiedDiffs.between("x", "a\nb\n", "a\nc\n"))).isEqualTo("a\nc\n");
        assertThat(FileSnapshots.applied(V1, "")).isEqualTo(V1);
    }

    @Test
    void shouldRefuseADiffThatDoesNotApply() {
        assertThat(FileSnapshots.applied("something else entirely\n", UnifiedDiffs.between("x", V1, V2))).isNull();
        assertThat(FileSnapshots.applied(V1, "@@ garbage")).isNull();
    }
}
