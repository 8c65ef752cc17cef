package io.streamgen.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.gateway.api.UnifiedDiffs;
import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.TaskStateChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private static HubRecord record(long offset, Object payload) {
        return new HubRecord(2, offset, 0, GenerationEvent.newBuilder().setGenerationId("gen-1").setAt(Instant.EPOCH)
                .setProgress(0.25).setPayload(payload).build());
    }

    @Test
    void shouldKeepWhatAClientNeedsInOneLetterFields() throws Exception {
        HubRecord draft = record(7, DraftChunk.newBuilder().setTaskId("features-ui").setRole(Role.UI).setPhase(Phase.FEATURES)
                .setPath("public/app.js").setRegion("list").setSeq(3).setText("render(list);\n").setTokenCount(4)
                .setProducedAt(Instant.EPOCH).build());
        HubRecord modified = record(8, FileChanged.newBuilder().setPath("src/a.js").setVersion(2).setOp(FileOp.MODIFIED)
                .setDiff(UnifiedDiffs.between("src/a.js", "a\n", "b\n")).setContent(null).setAuthors(List.of(Role.LOGIC))
                .setSha256("00").build());

        Map<String, Object> compactDraft = JSON.readValue(OutboundJson.of(Outbound.of(draft), JSON, true), MAP);
        Map<String, Object> compactFile = JSON.readValue(OutboundJson.of(Outbound.of(modified), JSON, true), MAP);

        assertThat(compactDraft).containsEntry("i", "2-7").containsEntry("g", "gen-1").containsEntry("t", "draft-chunk")
                .containsEntry("a", "ui").containsEntry("c", "render(list);\n").containsEntry("p", "public/app.js")
                .containsEntry("x", 0.25).doesNotContainKeys("payload", "metadata", "code");
        assertThat(compactFile).containsEntry("t", "file-changed").containsEntry("p", "src/a.js").containsEntry("v", 2)
                .containsKey("d").doesNotContainKey("c");
    }

    @Test
    void shouldBeAFractionOfTheFullEncodingForAHighRateStream() throws Exception {
        List<HubRecord> stream = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stream.add(record(i, DraftChunk.newBuilder().setTaskId("features-ui").setRole(Role.UI).setPhase(Phase.FEATURES)
                    .setPath("public/app.js").setRegion("list").setSeq(i).setText("items.push(item" + i + ");\n")
                    .setTokenCount(6).setProducedAt(Instant.EPOCH).build()));
            if (i % 10 == 0) {
                stream.add(record(1000 + i, TaskStateChanged.newBuilder().setTaskId("features-ui").setRole(Role.UI)
                        .setPhase(Phase.FEATURES).setState(AgentState.STREAMING).setTokens(i * 6L).setTokensPerSecond(150)
                        .setModel("template").build()));
            }
        }
        long full = 0;
        long compact = 0;
        for (HubRecord r : stream) {
            full += OutboundJson.of(Outbound.of(r), JSON, false).length();
            compact += OutboundJson.of(Outbound.of(r), JSON, true).length();
        }
        System.out.printf("compact encoding: %d bytes against %d full (%.0f %%)%n", compact, full, 100.0 * compact / full);
        assertThat(compact).isLessThan(full / 3);
    }
}
