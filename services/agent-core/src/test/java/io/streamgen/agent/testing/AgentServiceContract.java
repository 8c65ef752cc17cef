package io.streamgen.agent.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What every agent service must do against a real broker: a task in, its ordered chunks (ending
 * with END), its statuses (STARTED … DONE) and its bus messages out, all decoded and checked; a
 * poison record on its task topic reaches the dead-letter topic; health and metrics answer.
 * Each service's {@code @QuarkusTest} extends it with its role's expectations.
 */
public abstract class AgentServiceContract {

    protected static final Duration WAIT = Duration.ofSeconds(60);

    protected abstract Role role();

    /** The phase whose template output this role is tested with. */
    protected Phase phase() {
        return Phase.FEATURES;
    }

    /** Bus message types this role must publish for the sample blueprint. */
    protected abstract Set<MessageType> expectedAnnouncements();

    protected KafkaTestClient kafka() {
        return TestKafka.shared().client();
    }

    @Test
    void shouldTurnATaskIntoOrderedChunksStatusesAndBusMessages() {
        String generationId = "gen-" + UUID.randomUUID();
        AgentTask task = AgentTask.newBuilder().setGenerationId(generationId).setTaskId(phase().name().toLowerCase()
                        + "-" + role().name().toLowerCase()).setAttempt(1).setPhase(phase()).setRole(role())
                .setInstructions("write your part of the app").setPrompt("a todo app")
                .setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now()).build();

        kafka().produce(Topics.tasks(role()), generationId, task);

        List<CodeChunk> chunks = kafka().awaitThrough(Topics.CHUNKS, r -> generationId.equals(r.key()),
                c -> c.getOp() == ChunkOp.END, WAIT);
        assertThat(chunks).isNotEmpty();
        assertThat(chunks).extracting(CodeChunk::getSeq)
                .containsExactlyElementsOf(IntStream.range(0, chunks.size()).mapToObj(Long::valueOf).toList());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.getRole()).isEqualTo(role());
            assertThat(c.getTaskId()).isEqualTo(task.getTaskId());
            assertThat(c.getAttempt()).isEqualTo(1);
            assertThat(c.getModel()).isEqualTo("template");
        });
        assertThat(chunks.get(chunks.size() - 1).getOp()).isEqualTo(ChunkOp.END);
        List<CodeChunk> content = chunks.subList(0, chunks.size() - 1);
        assertThat(content).allSatisfy(c -> {
            assertThat(c.getPath()).isNotBlank();
            assertThat(c.getText()).isNotEmpty();
            assertThat(c.getOp()).isEqualTo(role() == Role.OPTIMIZATION ? ChunkOp.REPLACE : ChunkOp.APPEND);
        });
        assertThat(content.stream().mapToInt(CodeChunk::getTokenCount).sum()).isPositive();
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue(
                io.streamgen.messaging.CatalogueTopics.CONNECTOR_TRACING, Boolean.class))
                .as("the OpenTelemetry SDK is off here: the connector traces no record").isFalse();

        List<AgentStatus> statuses = kafka().awaitThrough(Topics.STATUS, r -> generationId.equals(r.key()),
                s -> s.getState() == AgentState.DONE, WAIT);
        String role = role().name().toLowerCase();
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("streamgen_agent_tokens_total{model=\"template\",role=\"" + role + "\"}"))
                .body(containsString("streamgen_agent_chunks_total"))
                .body(containsString("streamgen_agent_flush_tokens"))
                .body(containsString("streamgen_agent_time_to_first_token_seconds"));
        assertThat(statuses.get(0).getState()).isEqualTo(AgentState.STARTED);
        assertThat(statuses.get(statuses.size() - 1).getState()).isEqualTo(AgentState.DONE);
        assertThat(statuses.get(statuses.size() - 1).getTokens()).isPositive();

        if (!expectedAnnouncements().isEmpty()) {
            List<AgentMessage> bus = kafka().await(Topics.BUS, r -> generationId.equals(r.key()),
                    expectedAnnouncements().size(), WAIT).stream().map(ConsumerRecord::value).toList();
            assertThat(bus.stream().map(AgentMessage::getType).collect(Collectors.toSet()))
                    .containsAll(expectedAnnouncements());
            assertThat(bus).allSatisfy(m -> assertThat(m.getFrom()).isEqualTo(role()));
            assertAnnouncements(bus);
        }
    }

    /** Role-specific checks of the announcements. */
    protected void assertAnnouncements(List<AgentMessage> bus) {
    }

    @Test
    void shouldRunATaskThatAnotherInstanceStartedAsTheNextAttempt() {
        try (DeadInstance other = DeadInstance.holdingPartitionsOf(TestKafka.shared().bootstrapServers(), role())) {
            taskStartedByAnInstanceThatDied(other);
        }
    }

    private void taskStartedByAnInstanceThatDied(DeadInstance other) {
        String generationId = other.generationIdOnItsPartitions();
        AgentTask task = AgentTask.newBuilder().setGenerationId(generationId).setTaskId("redelivered-" + role())
                .setAttempt(1).setPhase(phase()).setRole(role()).setInstructions("write your part").setPrompt("a todo app")
                .setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now().minusSeconds(5)).build();
        // an instance that died mid-task had reported attempt 1 as started
        kafka().produce(Topics.STATUS, generationId, AgentStatus.newBuilder().setGenerationId(generationId)
                .setTaskId(task.getTaskId()).setAttempt(1).setRole(role()).setPhase(phase()).setState(AgentState.STARTED)
                .setAt(Instant.now()).build());

        kafka().produce(Topics.tasks(role()), generationId, task);
        other.receive(generationId, 1);
        other.close(); // its partitions, and the task, go to the service under test

        List<CodeChunk> chunks = kafka().awaitThrough(Topics.CHUNKS, r -> generationId.equals(r.key()),
                c -> c.getOp() == ChunkOp.END, WAIT);
        assertThat(chunks).extracting(CodeChunk::getAttempt).containsOnly(2);
    }

    @Test
    void shouldNotRunAgainATaskWhoseDoneIsPublishedWhenItsRecordIsRedelivered() {
        try (DeadInstance other = DeadInstance.holdingPartitionsOf(TestKafka.shared().bootstrapServers(), role())) {
            taskDoneByAnInstanceThatDied(other);
        }
    }

    private void taskDoneByAnInstanceThatDied(DeadInstance other) {
        String generationId = other.generationIdOnItsPartitions();
        AgentTask done = AgentTask.newBuilder().setGenerationId(generationId).setTaskId("done-" + role())
                .setAttempt(1).setPhase(phase()).setRole(role()).setInstructions("write your part").setPrompt("a todo app")
                .setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now().minusSeconds(5)).build();
        // an instance finished attempt 1 and died before committing the task's offset
        for (AgentState state : List.of(AgentState.STARTED, AgentState.DONE)) {
            kafka().produce(Topics.STATUS, generationId, AgentStatus.newBuilder().setGenerationId(generationId)
                    .setTaskId(done.getTaskId()).setAttempt(1).setRole(role()).setPhase(phase()).setState(state)
                    .setAt(Instant.now()).build());
        }
        // field by field: a builder copy of another record trips enum class loading under Quarkus tests
        AgentTask next = AgentTask.newBuilder().setGenerationId(generationId).setTaskId("next-" + role())
                .setAttempt(1).setPhase(phase()).setRole(role()).setInstructions("write your part").setPrompt("a todo app")
                .setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now().minusSeconds(5)).build();

        kafka().produce(Topics.tasks(role()), generationId, done);
        kafka().produce(Topics.tasks(role()), generationId, next); // same key: consumed after the first
        other.receive(generationId, 2);
        other.close(); // died before committing: both records go to the service under test

        List<CodeChunk> chunks = kafka().awaitThrough(Topics.CHUNKS, r -> generationId.equals(r.key()),
                c -> c.getOp() == ChunkOp.END && c.getTaskId().equals(next.getTaskId()), WAIT);
        assertThat(chunks).extracting(CodeChunk::getTaskId).containsOnly(next.getTaskId());
    }

    @Test
    void shouldSendAPoisonTaskToTheDeadLetterTopicAndKeepWorking() {
        String key = "poison-" + UUID.randomUUID();
        kafka().produceRaw(Topics.tasks(role()), key, "this is not avro at all".getBytes());

        var letters = kafka().await(Topics.DLQ, r -> key.equals(new String(r.value().getKey().array())), 1, WAIT);
        assertThat(letters.get(0).value().getSourceTopic()).isEqualTo(Topics.tasks(role()).name());
        assertThat(letters.get(0).value().getErrorMessage()).contains("not Avro single-object encoding");
        assertThat(new String(letters.get(0).value().getValue().array())).isEqualTo("this is not avro at all");
    }

    @Test
    void shouldHearEveryControlAndBusMessageAsAConsumerGroupOfItsOwn() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

        assertThat(config.getValue("mp.messaging.incoming.control.group.id", String.class))
                .matches("streamgen-agent-control-" + uuid);
        assertThat(config.getValue("mp.messaging.incoming.bus-in.group.id", String.class))
                .matches("streamgen-agent-bus-" + uuid);
        assertThat(config.getValue("mp.messaging.incoming.tasks.group.id", String.class))
                .as("tasks are shared out between the instances of a role")
                .isEqualTo("streamgen-agent-" + role().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void shouldBeReadyAndExposeMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory"));
    }
}
