package io.streamgen.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coalescing without a broker: what a slow client's queue turns into. */
class ClientQueueTest {

    private long offset;

    private Outbound event(Object payload) {
        GenerationEvent event = GenerationEvent.newBuilder().setGenerationId("g").setAt(Instant.now()).setProgress(0.5)
                .setPayload(payload).build();
        return Outbound.of(new HubRecord(0, offset++, System.currentTimeMillis(), event));
    }

    private Outbound file(String path, int version, String content) {
        return event(FileChanged.newBuilder().setPath(path).setVersion(version).setOp(FileOp.MODIFIED).setDiff("d")
                .setContent(content).setAuthors(List.of(Role.UI)).setSha256("00").build());
    }

    private Outbound draft(String text) {
        return event(DraftChunk.newBuilder().setTaskId("t").setRole(Role.API).setPhase(Phase.FEATURES)
                .setPath("server.js").setSeq(offset).setText(text).build());
    }

    private static List<Outbound> drain(ClientQueue queue) {
        List<Outbound> all = new ArrayList<>();
        for (Outbound o = queue.poll(); o != null; o = queue.poll()) {
            all.add(o);
        }
        return all;
    }

    @Test
    void givenRoomToSpare_whenEventsArrive_thenNothingIsCoalesced() {
        ClientQueue queue = new ClientQueue(4, 1000);
        queue.offer(file("a.js", 1, "1"));
        queue.offer(file("a.js", 2, "2"));
        assertThat(drain(queue)).extracting(Outbound::id).containsExactly("0-0", "0-1");
    }

    @Test
    void givenAFullQueue_whenMoreFileEventsArrive_thenOneSnapshotPerFileFollowsALaggedNotice() {
        ClientQueue queue = new ClientQueue(4, 1000);
        queue.offer(file("a.js", 1, "a1"));
        queue.offer(event(PhaseChanged.newBuilder().setPhase(Phase.SKELETON).setState(PhaseState.COMPLETED).build()));
        queue.offer(file("b.js", 1, "b1"));
        queue.offer(file("a.js", 2, null));
        ClientQueue.Coalesced done = queue.offer(file("b.js", 2, "b2"));

        assertThat(done.folded()).isEqualTo(2);
        List<Outbound> sent = drain(queue);
        assertThat(sent).extracting(Outbound::type).containsExactly("lagged", "phase-changed", "file-changed",
                "file-changed");
        assertThat(sent.get(0).body()).containsEntry("coalesced", 2);
        Map<String, Object> a = sent.get(2).body();
        assertThat(sent.get(2).id()).isEqualTo("0-3");
        assertThat(a).containsEntry("snapshot", true).containsEntry("content", null)
                .containsEntry("contentUrl", "/api/generations/g/files/a.js");
        Map<String, Object> b = sent.get(3).body();
        assertThat(b).containsEntry("content", "b2");
        assertThat(sent.get(3).stands()).isEqualTo(2);
    }

    @Test
    void givenAFullQueue_whenDraftsArrive_thenTheirTextsAreJoinedUpToTheCap() {
        ClientQueue queue = new ClientQueue(2, 8);
        queue.offer(draft("ab"));
        queue.offer(draft("cd"));
        queue.offer(draft("ef"));
        List<Outbound> sent = drain(queue);
        assertThat(sent).extracting(Outbound::type).containsExactly("lagged", "draft-chunk");
        assertThat(sent.get(1).body()).containsEntry("content", "abcdef").containsEntry("truncated", false);

        ClientQueue small = new ClientQueue(1, 3);
        small.offer(draft("ab"));
        small.offer(draft("cd"));
        assertThat(drain(small).get(1).body()).containsEntry("truncated", true).containsEntry("content", "");
    }

    @Test
    void givenNothingToFold_whenTheQueueGoesPastTwiceItsCapacity_thenItReportsOverflow() {
        ClientQueue queue = new ClientQueue(2, 10);
        PhaseChanged phase = PhaseChanged.newBuilder().setPhase(Phase.SKELETON).setState(PhaseState.STARTED).build();
        assertThat(queue.offer(event(phase))).isNotNull();
        assertThat(queue.offer(event(phase))).isNotNull();
        assertThat(queue.offer(event(phase))).isNotNull();
        assertThat(queue.offer(event(phase))).isNotNull();
        assertThat(queue.offer(event(phase))).isNull();
    }
}
