package io.streamgen.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.serde.AvroSerializer;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent with one slot: a task waiting behind a busy slot keeps saying so (the coordinator would
 * take silence for a dead agent), and a task whose model cannot be built fails with the reason while
 * the channel goes on with the next task.
 */
@QuarkusTest
@TestProfile(BusyAgentTest.OneSlot.class)
class BusyAgentTest {

    public static final class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamgen.agent.max-concurrent-tasks", "1", "streamgen.agent.heartbeat-interval", "200MS",
                    "streamgen.llm.template.tokens-per-second", "400",
                    "streamgen.llm.allowed-models", "template:*,anthropic:*");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Any
    InMemoryConnector connector;

    private InMemorySource<byte[]> tasks;
    private InMemorySink<AgentStatus> statuses;

    @BeforeEach
    void channels() {
        tasks = connector.source("tasks");
        statuses = connector.sink("status");
    }

    private static byte[] task(String generationId, String model) {
        AgentTask task = AgentTask.newBuilder().setGenerationId(generationId).setTaskId("features-logic")
                .setPhase(Phase.FEATURES).setRole(Role.LOGIC).setInstructions("write the rules").setPrompt("a todo app")
                .setBlueprint(SampleRecords.blueprint()).setModel(model).setCreatedAt(Instant.now()).build();
        return new AvroSerializer<AgentTask>().serialize("t", task);
    }

    private List<AgentStatus> of(String generationId) {
        return statuses.received().stream().map(Message::getPayload).filter(s -> s.getGenerationId().equals(generationId)).toList();
    }

    @Test
    void shouldSayATaskIsQueuedWhileEverySlotIsBusy() {
        String first = "g-" + UUID.randomUUID();
        String second = "g-" + UUID.randomUUID();

        tasks.send(task(first, null));
        tasks.send(task(second, null));

        await().atMost(WAIT).until(() -> of(second).stream().anyMatch(s -> s.getNotes().stream().anyMatch(n -> n.startsWith("queued"))));
        assertThat(of(first)).noneMatch(s -> s.getState() == AgentState.DONE);
        await().atMost(WAIT).until(() -> of(second).stream().anyMatch(s -> s.getState() == AgentState.DONE));
        assertThat(of(first)).anyMatch(s -> s.getState() == AgentState.DONE);
    }

    @Test
    void shouldFailATaskWhoseModelCannotBeBuiltAndRunTheNext() {
        String broken = "g-" + UUID.randomUUID();
        String next = "g-" + UUID.randomUUID();

        tasks.send(task(broken, "anthropic:claude-sonnet-4-5"));
        tasks.send(task(next, null));

        await().atMost(WAIT).until(() -> of(next).stream().anyMatch(s -> s.getState() == AgentState.DONE));
        assertThat(of(broken)).filteredOn(s -> s.getState() == AgentState.FAILED).singleElement()
                .satisfies(s -> assertThat(s.getError()).contains("anthropic:claude-sonnet-4-5").contains("ANTHROPIC_API_KEY"));
    }

    @Test
    void shouldFailATaskWhoseModelTheOperatorDidNotAllow() {
        String id = "g-" + UUID.randomUUID();

        tasks.send(task(id, "openai:gpt-4o"));

        await().atMost(WAIT).until(() -> of(id).stream().anyMatch(s -> s.getState() == AgentState.FAILED));
        assertThat(of(id)).filteredOn(s -> s.getState() == AgentState.FAILED).singleElement()
                .satisfies(s -> assertThat(s.getError()).contains("openai:gpt-4o").contains("not allowed"));
    }
}
