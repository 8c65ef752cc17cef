package io.streamgen.gateway.recent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Phase;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.RolledBack;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentGenerationsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void givenAGenerationsEvents_whenApplied_thenItIsListedWithPromptRequesterPhaseAndState() {
        RecentGenerations recent = new RecentGenerations(10);
        recent.apply(record("g1", 0, started("a todo app", "alice", T0)));
        recent.apply(record("g1", 1, new PhaseChanged(Phase.SKELETON, PhaseState.STARTED, null)));
        recent.apply(record("g1", 2, new PhaseChanged(Phase.FEATURES, PhaseState.STARTED, null)));

        GenerationSummary g1 = recent.list(10, null).get(0);
        assertThat(g1.generationId()).isEqualTo("g1");
        assertThat(g1.prompt()).isEqualTo("a todo app");
        assertThat(g1.requestedBy()).isEqualTo("alice");
        assertThat(g1.startedAt()).isEqualTo(T0);
        assertThat(g1.state()).isEqualTo("running");
        assertThat(g1.phase()).isEqualTo("FEATURES");

        recent.apply(record("g1", 3, GenerationCompleted.newBuilder().setDurationMillis(1).build()));
        assertThat(recent.list(10, null).get(0).state()).isEqualTo("completed");
        assertThat(recent.list(10, "running")).isEmpty();
        assertThat(recent.list(10, "completed")).hasSize(1);
    }

    @Test
    void givenRecordsOutOfOrderAndTwice_whenApplied_thenTheHighestOffsetDecides() {
        RecentGenerations recent = new RecentGenerations(10);
        // live first (the end), then the read-back replays the start and the end again
        recent.apply(record("g1", 9, GenerationFailed.newBuilder().setReason("cancelled").setCancelled(true).build()));
        recent.apply(record("g1", 1, started("a chat app", "bob", T0)));
        recent.apply(record("g1", 2, new PhaseChanged(Phase.SKELETON, PhaseState.STARTED, null)));
        recent.apply(record("g1", 9, GenerationFailed.newBuilder().setReason("cancelled").setCancelled(true).build()));

        GenerationSummary g1 = recent.list(10, null).get(0);
        assertThat(g1.state()).isEqualTo("cancelled");
        assertThat(g1.prompt()).isEqualTo("a chat app");
        assertThat(g1.phase()).isEqualTo("SKELETON");
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void givenARollbackAfterTheEnd_whenApplied_thenItRunsAgain() {
        RecentGenerations recent = new RecentGenerations(10);
        recent.apply(record("g1", 0, started("x", "anonymous", T0)));
        recent.apply(record("g1", 5, GenerationCompleted.newBuilder().setDurationMillis(1).build()));
        recent.apply(record("g1", 6, RolledBack.newBuilder().setCheckpointId(1).setPhase(Phase.SKELETON)
                .setRerunFrom(Phase.FEATURES).build()));

        GenerationSummary g1 = recent.list(10, null).get(0);
        assertThat(g1.state()).isEqualTo("running");
        assertThat(g1.phase()).isEqualTo("FEATURES");
    }

    @Test
    void givenMoreGenerationsThanItsCapacity_whenApplied_thenTheEarliestStartedAreDropped() {
        RecentGenerations recent = new RecentGenerations(3);
        for (int i = 0; i < 5; i++) {
            recent.apply(record("g" + i, i, started("p" + i, "anonymous", T0.plusSeconds(i))));
        }
        // one that started before everything kept is not admitted
        recent.apply(record("old", 99, started("old", "anonymous", T0.minusSeconds(60))));

        List<GenerationSummary> listed = recent.list(10, null);
        assertThat(listed).extracting(GenerationSummary::generationId).containsExactly("g4", "g3", "g2");
        assertThat(recent.list(2, null)).hasSize(2);
    }

    @Test
    void givenALongPromptAndNoStartSeen_whenListed_thenThePromptIsCutAndTheStartComesFromTheRecord() {
        RecentGenerations recent = new RecentGenerations(10);
        recent.apply(record("long", 0, started("x".repeat(500), "anonymous", T0)));
        recent.apply(record("tail", 4, new PhaseChanged(Phase.TEST, PhaseState.STARTED, null)));

        GenerationSummary longOne = recent.list(10, null).stream().filter(g -> g.generationId().equals("long")).findFirst()
                .orElseThrow();
        assertThat(longOne.prompt()).hasSize(RecentGenerations.PROMPT_CHARS + 1).endsWith("…");
        GenerationSummary tail = recent.list(10, null).stream().filter(g -> g.generationId().equals("tail")).findFirst()
                .orElseThrow();
        assertThat(tail.prompt()).isNull();
        assertThat(tail.phase()).isEqualTo("TEST");
        assertThat(tail.startedAt()).isEqualTo(T0.plusSeconds(30));
    }

    private static GenerationStarted started(String prompt, String by, Instant at) {
        return GenerationStarted.newBuilder().setPrompt(prompt).setTargetStack("javascript-node")
                .setFlags(Flags.newBuilder().build()).setMergeStrategy(MergeStrategy.PHASE_PRIORITY)
                .setPhases(List.of(Phase.SKELETON)).setRequestedBy(by).setRequestedAt(at).build();
    }

    private static HubRecord record(String id, long offset, Object payload) {
        return new HubRecord(0, offset, T0.plusSeconds(30).toEpochMilli(), GenerationEvent.newBuilder()
                .setGenerationId(id).setAt(T0.plusSeconds(offset)).setProgress(0.5).setPayload(payload).build());
    }
}
