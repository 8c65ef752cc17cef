package io.streamgen.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.gateway.api.UnifiedDiffs;
import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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

    @Test
    void shouldLetGoOfAFinishedGenerationsFilesOnTheFirehose() throws Exception {
        // room for one generation's file: a dashboard following every generation must not fill up
        // with finished ones and then answer every later diff with a contentUrl only
        FileSnapshots snapshots = new FileSnapshots(V1.length() + 5);
        snapshots.snapshot(created("gen-a", 1, V1));
        snapshots.ended(new HubRecord(0, 2, 0, event("gen-a", GenerationCompleted.newBuilder().setDurationMillis(1).build())));
        snapshots.snapshot(created("gen-b", 3, V1));
        Outbound modified = snapshots.snapshot(modified("gen-b", 4, V1, V2));
        assertThat(modified.body().get("content")).isEqualTo(V2);
        assertThat(modified.body()).doesNotContainKey("contentUrl");
    }

    @Test
    void shouldSendTheWholeFileForADiffAndAUrlWhenTheDiffDoesNotApply() throws Exception {
        FileSnapshots snapshots = new FileSnapshots(1 << 20);
        snapshots.snapshot(created("gen-a", 1, V1));
        assertThat(snapshots.snapshot(modified("gen-a", 2, V1, V2)).body().get("content")).isEqualTo(V2);
        // a diff against a text this client was never sent: no guess, the place to fetch it
        Outbound stray = snapshots.snapshot(modified("gen-a", 3, "other\n", "other\nmore\n"));
        assertThat(stray.body().get("content")).isNull();
        assertThat(stray.body().get("contentUrl")).isEqualTo("/api/generations/gen-a/files/src/logic.js");
    }

    private static HubRecord created(String generation, long offset, String content) throws Exception {
        return new HubRecord(0, offset, 0, event(generation, FileChanged.newBuilder().setPath("src/logic.js").setVersion(1)
                .setOp(FileOp.CREATED).setDiff(UnifiedDiffs.between("src/logic.js", "", content)).setContent(content)
                .setAuthors(List.of(Role.LOGIC)).setSha256(sha256(content)).build()));
    }

    private static HubRecord modified(String generation, long offset, String before, String after) throws Exception {
        return new HubRecord(0, offset, 0, event(generation, FileChanged.newBuilder().setPath("src/logic.js").setVersion(2)
                .setOp(FileOp.MODIFIED).setDiff(UnifiedDiffs.between("src/logic.js", before, after)).setContent(null)
                .setAuthors(List.of(Role.LOGIC)).setSha256(sha256(after)).build()));
    }

    private static GenerationEvent event(String generation, Object payload) {
        return GenerationEvent.newBuilder().setGenerationId(generation).setAt(Instant.EPOCH).setProgress(0.5)
                .setPayload(payload).build();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
