package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.infra.kafka.test.KafkaTestExtension;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.RolledBack;
import io.streamgen.schema.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Following and replaying a generation straight from the events topic, on a real broker. */
@ExtendWith(KafkaTestExtension.class)
class KafkaGenerationsIT {

    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    private final KafkaTestClient kafka;
    private final KafkaGenerations generations;

    KafkaGenerationsIT(KafkaTestClient kafka, io.streamgen.infra.kafka.test.TestKafka broker) {
        this.kafka = kafka;
        this.generations = new KafkaGenerations(broker.bootstrapServers());
    }

    private static String newId() {
        return "cli-it-" + UUID.randomUUID();
    }

    /** Produces the payloads as the generation's events (and one of another generation after each); returns their ids. */
    private List<String> produce(String generationId, Object... payloads) {
        List<String> ids = new ArrayList<>();
        for (Object payload : payloads) {
            RecordMetadata written = kafka.produce(Topics.EVENTS, generationId, GenerationEvent.newBuilder()
                    .setGenerationId(generationId).setAt(Instant.now()).setProgress(0.5).setPayload(payload).build());
            ids.add(written.partition() + "-" + written.offset());
            String other = newId();
            kafka.produce(Topics.EVENTS, other, GenerationEvent.newBuilder().setGenerationId(other).setAt(Instant.now())
                    .setProgress(0).setPayload(started("someone else's")).build());
        }
        return ids;
    }

    private static GenerationStarted started(String prompt) {
        return GenerationStarted.newBuilder().setPrompt(prompt).setTargetStack("node").setFlags(io.streamgen.schema.Flags.newBuilder().build())
                .setPhases(List.of(Phase.SKELETON)).setRequestedBy("cli-it").setRequestedAt(Instant.now()).build();
    }

    private static PhaseChanged phase(Phase phase, PhaseState state) {
        return PhaseChanged.newBuilder().setPhase(phase).setState(state).build();
    }

    private static CheckpointTaken checkpoint(int n) {
        return CheckpointTaken.newBuilder().setCheckpointId(n).setPhase(Phase.SKELETON).setLabel("after skeleton").build();
    }

    private static GenerationCompleted completed() {
        return GenerationCompleted.newBuilder().setFiles(List.of("a.js")).setDurationMillis(1000).setConflicts(0).build();
    }

    private List<StreamedEvent> replay(String generationId, FollowFrom from) {
        List<StreamedEvent> seen = new ArrayList<>();
        StreamedEvent last = assertTimeoutPreemptively(PROMPTLY,
                () -> generations.follow(generationId, from, Duration.ofMinutes(2), seen::add));
        assertThat(last).isEqualTo(seen.isEmpty() ? null : seen.get(seen.size() - 1));
        return seen;
    }

    @Test
    void givenAFinishedGeneration_whenReplayedFromTheBeginning_thenEachOfItsEventsOnceAndNothingElse() {
        String id = newId();
        List<String> ids = produce(id, started("a todo app"), phase(Phase.SKELETON, PhaseState.STARTED), checkpoint(1),
                phase(Phase.SKELETON, PhaseState.COMPLETED), completed());

        List<StreamedEvent> replayed = replay(id, new FollowFrom.Beginning());

        assertThat(replayed).extracting(StreamedEvent::id).isEqualTo(ids);
        assertThat(replayed).extracting(StreamedEvent::type).containsExactly("generation-started", "phase-changed",
                "checkpoint-taken", "phase-changed", "generation-completed");
        assertThat(replayed).allSatisfy(e -> assertThat(e.json().path("generationId").asText()).isEqualTo(id));
    }

    @Test
    void givenAGenerationRolledBackAfterItCompleted_whenReplayed_thenItReadsOnToTheLastEnd() {
        String id = newId();
        List<String> ids = produce(id, started("a todo app"), checkpoint(1), completed(),
                RolledBack.newBuilder().setCheckpointId(1).setPhase(Phase.SKELETON).setRerunFrom(Phase.FEATURES).build(),
                phase(Phase.FEATURES, PhaseState.STARTED), completed());

        assertThat(replay(id, new FollowFrom.Beginning())).extracting(StreamedEvent::id).isEqualTo(ids);
    }

    @Test
    void givenACheckpointOrAnEventId_whenReplayed_thenItStartsThereExactly() {
        String id = newId();
        List<String> ids = produce(id, started("a todo app"), phase(Phase.SKELETON, PhaseState.STARTED), checkpoint(1),
                phase(Phase.SKELETON, PhaseState.COMPLETED), completed());

        assertThat(replay(id, new FollowFrom.Checkpoint(1))).extracting(StreamedEvent::id).isEqualTo(ids.subList(2, 5));
        assertThat(replay(id, new FollowFrom.After(ids.get(1)))).extracting(StreamedEvent::id).isEqualTo(ids.subList(2, 5));
        assertThat(replay(id, new FollowFrom.Checkpoint(7))).as("no such checkpoint").isEmpty();
    }

    @Test
    void givenEventsAfterTheEnd_whenReplayed_thenTheyAreShownAndTheReplayStillEndsPromptly() {
        String id = newId();
        List<String> ids = produce(id, started("a todo app"), completed(), InterventionApplied.newBuilder()
                .setInterventionId("i1").setAction(InterventionAction.PAUSE).setRequestedBy("bob").setAccepted(false)
                .setDetail("the generation has ended").build());

        List<StreamedEvent> replayed = new ArrayList<>();
        StreamedEvent end = assertTimeoutPreemptively(PROMPTLY,
                () -> generations.follow(id, new FollowFrom.Beginning(), Duration.ofMinutes(2), replayed::add));

        assertThat(replayed).extracting(StreamedEvent::id).isEqualTo(ids);
        assertThat(end.id()).isEqualTo(ids.get(1));
        assertThat(assertTimeoutPreemptively(PROMPTLY, () -> generations.follow(id, new FollowFrom.After(ids.get(1)),
                Duration.ofMinutes(2), e -> { })).ends()).as("resuming after the end").isTrue();
    }

    @Test
    void givenARunningGeneration_whenResumedAfterItsLatestEvent_thenItFollowsOnToTheEnd() throws Exception {
        String id = newId();
        List<String> before = produce(id, started("a todo app"), phase(Phase.SKELETON, PhaseState.STARTED));
        List<StreamedEvent> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<StreamedEvent> end = CompletableFuture.supplyAsync(() -> generations.follow(id,
                new FollowFrom.After(before.get(1)), Duration.ofMinutes(1), seen::add));
        Thread.sleep(1_000); // caught up, with nothing after the id yet

        List<String> after = produce(id, phase(Phase.SKELETON, PhaseState.COMPLETED), completed());

        assertThat(end.get(1, TimeUnit.MINUTES).id()).isEqualTo(after.get(1));
        assertThat(seen).extracting(StreamedEvent::id).isEqualTo(after);
    }

    @Test
    void givenARollbackSentAfterTheEnd_whenFollowedFromIt_thenTheReRunFromItsInterventionToItsNewEnd() throws Exception {
        String id = newId();
        produce(id, started("a todo app"), checkpoint(1), completed());
        List<StreamedEvent> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<StreamedEvent> end = CompletableFuture.supplyAsync(() -> generations.follow(id,
                new FollowFrom.AfterIntervention("rollback-1", Instant.now()), Duration.ofMinutes(1), seen::add));
        Thread.sleep(1_000); // caught up with the old end, the intervention not applied yet

        List<String> rerun = produce(id, applied("rollback-1", InterventionAction.ROLLBACK, true),
                RolledBack.newBuilder().setCheckpointId(1).setPhase(Phase.SKELETON).setRerunFrom(Phase.FEATURES).build(),
                phase(Phase.FEATURES, PhaseState.STARTED), completed());

        assertThat(end.get(1, TimeUnit.MINUTES).id()).isEqualTo(rerun.get(3));
        assertThat(seen).extracting(StreamedEvent::id).isEqualTo(rerun);
    }

    @Test
    void givenARefusedIntervention_whenFollowedFromIt_thenItIsShownAndTheFollowEndsAtTheOldEnd() {
        String id = newId();
        List<String> ids = produce(id, started("a todo app"), completed(), applied("rollback-9", InterventionAction.ROLLBACK, false));

        List<StreamedEvent> seen = new ArrayList<>();
        StreamedEvent end = assertTimeoutPreemptively(PROMPTLY, () -> generations.follow(id,
                new FollowFrom.AfterIntervention("rollback-9", Instant.now()), Duration.ofMinutes(1), seen::add));

        assertThat(seen).extracting(StreamedEvent::id).containsExactly(ids.get(2));
        assertThat(end.id()).isEqualTo(ids.get(1));
    }

    private static InterventionApplied applied(String interventionId, InterventionAction action, boolean accepted) {
        return InterventionApplied.newBuilder().setInterventionId(interventionId).setAction(action)
                .setRequestedBy("bob").setAccepted(accepted).setDetail(accepted ? null : "no checkpoint 9").build();
    }

    @Test
    void givenAnUnknownGeneration_whenReplayed_thenNothingAndNoWaitingForTheTimeout() {
        assertThat(replay(newId(), new FollowFrom.Beginning())).isEmpty();
    }

    @Test
    void givenAGenerationJustSubmitted_whenItsEventsArrive_thenTheFollowerSeesThemFromTheFirst() throws Exception {
        String id = newId();
        List<StreamedEvent> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<StreamedEvent> end = CompletableFuture.supplyAsync(() -> generations.follow(id,
                new FollowFrom.Submitted(Instant.now().minusSeconds(60)), Duration.ofMinutes(1), seen::add));
        Thread.sleep(500); // the follower is reading before the first event is written

        List<String> ids = produce(id, started("a todo app"), phase(Phase.SKELETON, PhaseState.STARTED), completed());

        assertThat(end.get(1, TimeUnit.MINUTES).type()).isEqualTo("generation-completed");
        assertThat(seen).extracting(StreamedEvent::id).isEqualTo(ids);
    }
}
