package io.streamgen.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.DeadLetter;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.serde.AvroSerializer;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's channels on SmallRye's in-memory connector: intake, control, bus and dead letters. */
@QuarkusTest
class AgentChannelsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Any
    InMemoryConnector connector;

    private InMemorySource<byte[]> tasks;
    private InMemorySource<byte[]> control;
    private InMemorySource<byte[]> bus;
    private InMemorySink<CodeChunk> chunks;
    private InMemorySink<AgentStatus> statuses;
    private InMemorySink<AgentMessage> busOut;
    private InMemorySink<DeadLetter> deadLetters;

    @BeforeEach
    void channels() {
        tasks = connector.source("tasks");
        control = connector.source("control");
        bus = connector.source("bus-in");
        chunks = connector.sink("chunks");
        statuses = connector.sink("status");
        busOut = connector.sink("bus-out");
        deadLetters = connector.sink("dead-letters");
    }

    private static byte[] bytes(org.apache.avro.specific.SpecificRecord record) {
        return new AvroSerializer<>().serialize("t", record);
    }

    private static AgentTask task(String generationId) {
        return AgentTask.newBuilder().setGenerationId(generationId).setTaskId("features-logic").setPhase(Phase.FEATURES)
                .setRole(Role.LOGIC).setInstructions("write the rules").setPrompt("a todo app")
                .setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now()).build();
    }

    private static Intervention intervention(String generationId, InterventionAction action, Role role) {
        return Intervention.newBuilder().setInterventionId(UUID.randomUUID().toString()).setGenerationId(generationId)
                .setAction(action).setRole(role).setAt(Instant.now()).build();
    }

    private List<CodeChunk> chunksOf(String generationId) {
        return chunks.received().stream().map(Message::getPayload).filter(c -> c.getGenerationId().equals(generationId)).toList();
    }

    private List<AgentState> statesOf(String generationId) {
        return statuses.received().stream().map(Message::getPayload).filter(s -> s.getGenerationId().equals(generationId))
                .map(AgentStatus::getState).toList();
    }

    @Test
    void shouldAcknowledgeATaskOnlyAfterItsEndAndDone() {
        String id = "g-" + UUID.randomUUID();
        var acked = new java.util.concurrent.CompletableFuture<Void>();
        InMemorySource<Message<byte[]>> taskMessages = connector.source("tasks");
        taskMessages.send(Message.of(bytes(task(id))).withAck(() -> {
            acked.complete(null);
            return acked;
        }));

        await().atMost(WAIT).until(acked::isDone);
        assertThat(chunksOf(id)).last().satisfies(c -> assertThat(c.getOp()).isEqualTo(ChunkOp.END));
        assertThat(statesOf(id)).last().isEqualTo(AgentState.DONE);
        assertThat(busOut.received()).map(Message::getPayload).filteredOn(m -> m.getGenerationId().equals(id))
                .anySatisfy(m -> assertThat(m.getType()).isEqualTo(MessageType.PROVIDES));
    }

    @Test
    void shouldCancelOneGenerationWithoutDisturbingAnother() {
        String cancelled = "g-" + UUID.randomUUID();
        String untouched = "g-" + UUID.randomUUID();
        tasks.send(bytes(task(cancelled)));
        tasks.send(bytes(task(untouched)));
        await().atMost(WAIT).until(() -> !chunksOf(cancelled).isEmpty() && !chunksOf(untouched).isEmpty());

        control.send(bytes(intervention(cancelled, InterventionAction.CANCEL, null)));
        control.send(bytes(intervention(untouched, InterventionAction.PAUSE, Role.UI))); // another role's: ignored

        await().atMost(WAIT).until(() -> statesOf(cancelled).contains(AgentState.CANCELLED));
        await().atMost(WAIT).until(() -> statesOf(untouched).contains(AgentState.DONE));
        assertThat(chunksOf(cancelled)).noneMatch(c -> c.getOp() == ChunkOp.END);
        assertThat(statesOf(untouched)).doesNotContain(AgentState.PAUSED, AgentState.CANCELLED);

        // a task of the cancelled generation that arrives later is skipped
        int before = chunksOf(cancelled).size();
        tasks.send(bytes(task(cancelled)));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> chunksOf(cancelled).size() == before);
    }

    @Test
    void shouldPauseAndResumeThroughTheControlTopic() {
        String id = "g-" + UUID.randomUUID();
        tasks.send(bytes(task(id)));
        await().atMost(WAIT).until(() -> !chunksOf(id).isEmpty());

        control.send(bytes(intervention(id, InterventionAction.PAUSE, Role.LOGIC)));
        await().atMost(WAIT).until(() -> statesOf(id).contains(AgentState.PAUSED));
        control.send(bytes(intervention(id, InterventionAction.RESUME, null)));

        await().atMost(WAIT).until(() -> statesOf(id).contains(AgentState.DONE));
    }

    @Test
    void shouldAnswerARequirementItAlreadyProvided() {
        String id = "g-" + UUID.randomUUID();
        bus.send(bytes(AgentMessage.newBuilder().setGenerationId(id).setFrom(Role.LOGIC).setType(MessageType.PROVIDES)
                .setName("logic:createTodo").setSignature("createTodo(store, input)").setAt(Instant.now()).build()));
        bus.send(bytes(AgentMessage.newBuilder().setGenerationId(id).setFrom(Role.UI).setType(MessageType.COMPONENT_CREATED)
                .setName("ui:TodoList").setRequires(List.of("logic:createTodo", "api:listTodos")).setAt(Instant.now()).build()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(busOut.received()).map(Message::getPayload)
                .filteredOn(m -> m.getGenerationId().equals(id))
                .singleElement().satisfies(m -> {
                    assertThat(m.getType()).isEqualTo(MessageType.PROVIDES);
                    assertThat(m.getName()).isEqualTo("logic:createTodo");
                }));
    }

    @Test
    void shouldSendUndecodableRecordsToTheDeadLetterChannel() {
        tasks.send("{\"not\": \"avro at all\"}".getBytes());
        control.send(new byte[] {1, 2, 3});

        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.received()).hasSizeGreaterThanOrEqualTo(2));
        assertThat(deadLetters.received()).map(Message::getPayload)
                .anySatisfy(d -> assertThat(d.getErrorMessage()).contains("not Avro single-object encoding"))
                .anySatisfy(d -> assertThat(d.getErrorMessage()).contains("shorter than the 10-byte"));
    }
}
