package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.stream.Subscription;
import io.streamgen.gateway.support.Firehoses;
import io.streamgen.gateway.support.NodeProject;
import io.streamgen.gateway.support.NodeScript;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.PhaseState;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The specification's two client snippets, verbatim, in Node with clients from npm the project did
 * not write ({@code eventsource}, {@code ws}; see src/test/node), against the gateway while a
 * generation's events are produced: each must get every event of it, with the snippet's fields.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class SpecSnippetsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Shorter than WAIT, so that a script that times out still reports what it got before it is waited for. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(45);
    private static NodeProject snippets;

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventHub hub;

    private record Produced(String id, String type) {
    }

    @BeforeAll
    static void installClients() {
        snippets = NodeProject.install(Path.of("src/test/node"), Path.of("target/spec-snippets"), Duration.ofMinutes(5));
    }

    @Test
    void shouldDeliverEveryEventOfAGenerationToBothSnippetsAsWritten() {
        String generationId = TestEvents.newId("snippets");
        String origin = base.toString().replaceAll("/$", "");
        Map<String, String> environment = Map.of("GATEWAY_URL", origin, "GENERATION_ID", generationId,
                "TIMEOUT_MS", String.valueOf(SCRIPT_TIMEOUT.toMillis()));
        Set<Subscription> before = Firehoses.open(hub);
        try (NodeScript eventSource = snippets.start("event-source-snippet.mjs", environment);
                NodeScript webSocket = snippets.start("websocket-snippet.mjs", environment)) {
            await().atMost(WAIT).failFast("a snippet exited before the generation", () -> {
                assertThat(eventSource.running()).as(eventSource::describe).isTrue();
                assertThat(webSocket.running()).as(webSocket::describe).isTrue();
            })
                    .until(() -> eventSource.reported("open") && webSocket.reported("open")
                            && Firehoses.openedSince(hub, before) >= 2);

            List<Produced> produced = produceGeneration(generationId);

            assertThat(eventSource.awaitExit(WAIT)).as(eventSource::describe).isZero();
            assertThat(webSocket.awaitExit(WAIT)).as(webSocket::describe).isZero();

            JsonNode sse = eventSource.report("done").orElseThrow();
            assertThat(sse.get("problems")).as(eventSource::describe).isEmpty();
            assertThat(field(sse, "id")).as("SSE ids, for Last-Event-ID").isEqualTo(produced.stream().map(Produced::id).toList());
            assertThat(field(sse, "type")).isEqualTo(produced.stream().map(Produced::type).toList());
            assertThat(sse.get("events")).allSatisfy(e -> assertThat(texts(e.get("fields")))
                    .containsExactly("type", "content", "progress"));

            JsonNode ws = webSocket.report("done").orElseThrow();
            assertThat(ws.get("problems")).as(webSocket::describe).isEmpty();
            assertThat(field(ws, "type")).isEqualTo(produced.stream().map(Produced::type).toList());
            assertThat(ws.get("events")).allSatisfy(e -> assertThat(texts(e.get("fields")))
                    .containsExactly("agentId", "code", "metadata"));
        }
    }

    /** Twelve events of one generation, with another generation's in between (the firehose carries both). */
    private static List<Produced> produceGeneration(String generationId) {
        TestEvents events = new TestEvents(generationId);
        TestEvents other = new TestEvents(TestEvents.newId("other"));
        List<Produced> produced = new ArrayList<>();
        produce(produced, "generation-started", events::started);
        other.started();
        produce(produced, "phase-changed", () -> events.phase(Phase.SKELETON, PhaseState.STARTED));
        produce(produced, "task-state-changed", () -> events.task(Role.UI, AgentState.STREAMING));
        produce(produced, "draft-chunk", () -> events.draft(Role.UI, "public/index.html", 1, "<main>"));
        other.task(Role.API, AgentState.STREAMING);
        produce(produced, "draft-chunk", () -> events.draft(Role.API, "server.js", 1, "import http from 'node:http';"));
        produce(produced, "file-changed", () -> events.file(Role.UI, "public/index.html", 1, "<main></main>"));
        produce(produced, "file-changed", () -> events.file(Role.API, "server.js", 1, "import http from 'node:http';\n"));
        produce(produced, "task-state-changed", () -> events.task(Role.UI, AgentState.DONE));
        produce(produced, "checkpoint-taken", () -> events.checkpoint(1, List.of("public/index.html", "server.js")));
        produce(produced, "phase-changed", () -> events.phase(Phase.SKELETON, PhaseState.COMPLETED));
        produce(produced, "file-changed", () -> events.file(Role.LOGIC, "src/state.js", 1, "export const state = {};\n"));
        produce(produced, "generation-completed", events::completed);
        other.completed();
        return produced;
    }

    private static void produce(List<Produced> produced, String type, Supplier<RecordMetadata> send) {
        RecordMetadata sent = send.get();
        produced.add(new Produced(sent.partition() + "-" + sent.offset(), type));
    }

    private static List<String> field(JsonNode report, String name) {
        return StreamSupport.stream(report.get("events").spliterator(), false).map(e -> e.path(name).asText(null)).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
