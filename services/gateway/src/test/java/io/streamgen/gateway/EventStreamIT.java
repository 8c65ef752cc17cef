package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.support.SseReader;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CheckpointFile;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.topic.Topics;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SSE over the shared hub against a real broker, with events produced by the test. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class EventStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    /** A generation of 12 events, with another generation's events in between on the same topic. */
    private TestEvents produceGeneration(String prefix) {
        TestEvents events = new TestEvents(TestEvents.newId(prefix));
        TestEvents other = new TestEvents(TestEvents.newId("other"));
        events.started();
        other.started();
        events.phase(Phase.SKELETON, PhaseState.STARTED);
        events.task(Role.UI, AgentState.STREAMING);
        events.draft(Role.UI, "public/index.html", 1, "<main>");
        other.task(Role.API, AgentState.STREAMING);
        events.draft(Role.API, "server.js", 1, "import http from 'node:http';");
        events.file(Role.UI, "public/index.html", 1, "<main></main>");
        events.file(Role.API, "server.js", 1, "import http from 'node:http';\n");
        events.task(Role.UI, AgentState.DONE);
        events.checkpoint(1, List.of("public/index.html", "server.js"));
        events.phase(Phase.SKELETON, PhaseState.COMPLETED);
        events.file(Role.LOGIC, "src/state.js", 1, "export const state = {};\n");
        events.completed();
        other.completed();
        return events;
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private List<SseReader.Event> readToEnd(String path, Map<String, String> headers) {
        try (SseReader reader = SseReader.open(url(path), headers)) {
            await().atMost(WAIT).until(reader::ended);
            return reader.events();
        }
    }

    @Test
    void shouldStreamAGenerationFromItsFirstEventInOrderAndEndAfterCompletion() throws Exception {
        TestEvents events = produceGeneration("order");
        List<SseReader.Event> all = readToEnd("/api/generations/" + events.id() + "/events", Map.of());

        assertThat(all).extracting(SseReader.Event::type).containsExactly("generation-started", "phase-changed",
                "task-state-changed", "draft-chunk", "draft-chunk", "file-changed", "file-changed",
                "task-state-changed", "checkpoint-taken", "phase-changed", "file-changed", "generation-completed");
        List<Long> offsets = all.stream().map(e -> Long.parseLong(e.id().split("-")[1])).toList();
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        JsonNode first = JSON.readTree(all.get(0).data());
        assertThat(first.get("id").asText()).isEqualTo(all.get(0).id());
        assertThat(first.get("type").asText()).isEqualTo("generation-started");
        assertThat(first.get("content").asText()).isEqualTo("a todo app");
        assertThat(first.has("progress")).isTrue();
        JsonNode file = JSON.readTree(all.get(5).data());
        assertThat(file.get("agentId").asText()).isEqualTo("ui");
        assertThat(file.get("code").asText()).isEqualTo("<main></main>");
        assertThat(file.get("payload").get("path").asText()).isEqualTo("public/index.html");
        assertThat(file.get("metadata").get("path").asText()).isEqualTo("public/index.html");
    }

    @Test
    void shouldResumeExactlyAfterLastEventIdAtSeveralPoints() {
        TestEvents events = produceGeneration("resume");
        String path = "/api/generations/" + events.id() + "/events";
        List<SseReader.Event> whole = readToEnd(path, Map.of());
        assertThat(whole).hasSize(12);
        for (int cut : new int[] {0, 4, 7, 10}) {
            List<SseReader.Event> union = new ArrayList<>(whole.subList(0, cut + 1));
            union.addAll(readToEnd(path, Map.of("Last-Event-ID", whole.get(cut).id())));
            assertThat(union).as("resumed after event %d", cut).isEqualTo(whole);
            List<SseReader.Event> viaQuery = new ArrayList<>(whole.subList(0, cut + 1));
            viaQuery.addAll(readToEnd(path + "?from=" + whole.get(cut).id(), Map.of()));
            assertThat(viaQuery).isEqualTo(whole);
        }
    }

    @Test
    void shouldReplayAGenerationRolledBackAfterItCompletedOnToItsLastEnd() {
        TestEvents events = new TestEvents(TestEvents.newId("rerun"));
        events.started();
        events.checkpoint(1, List.of("server.js"));
        events.completed();
        events.send(io.streamgen.schema.event.RolledBack.newBuilder().setCheckpointId(1).setPhase(Phase.SKELETON)
                .setRerunFrom(Phase.FEATURES).build(), 0.25);
        events.phase(Phase.FEATURES, PhaseState.STARTED);
        events.completed();

        String path = "/api/generations/" + events.id() + "/events";
        List<SseReader.Event> all = readToEnd(path, Map.of());

        assertThat(all).extracting(SseReader.Event::type).containsExactly("generation-started", "checkpoint-taken",
                "generation-completed", "rolled-back", "phase-changed", "generation-completed");
        assertThat(readToEnd(path, Map.of("Last-Event-ID", all.get(2).id()))).as("resumed at the first end")
                .isEqualTo(all.subList(3, 6));
        given().header("Last-Event-ID", all.get(5).id()).get(path).then().statusCode(204);
    }

    @Test
    void shouldAnswer204ToAClientResumingAfterTheEnd() {
        TestEvents events = produceGeneration("ended");
        String path = "/api/generations/" + events.id() + "/events";
        List<SseReader.Event> whole = readToEnd(path, Map.of());
        given().header("Last-Event-ID", whole.get(whole.size() - 1).id()).get(path).then().statusCode(204);
        given().get(path + "?from=99-0").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldStreamLiveEventsToAClientThatConnectedFirst() {
        TestEvents events = new TestEvents(TestEvents.newId("live"));
        try (SseReader reader = SseReader.open(url("/api/generations/" + events.id() + "/events"))) {
            await().atMost(WAIT).until(() -> !reader.comments().isEmpty());
            assertThat(reader.retry()).isEqualTo("2000");
            // the test profile sends a keep-alive comment every 2 s (15 s by default)
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.comments().contains("keep-alive"));
            events.started();
            for (int i = 1; i <= 20; i++) {
                events.draft(Role.UI, "public/app.js", i, "line " + i + ";\n");
            }
            events.completed();
            await().atMost(WAIT).until(reader::ended);
            assertThat(reader.events()).hasSize(22);
            assertThat(reader.events().get(21).type()).isEqualTo("generation-completed");
        }
    }

    @Test
    void shouldFilterByTypeAndRoleOnTheServer() {
        TestEvents events = produceGeneration("filter");
        String path = "/api/generations/" + events.id() + "/events";
        assertThat(readToEnd(path + "?types=file-changed", Map.of())).extracting(SseReader.Event::type)
                .containsExactly("file-changed", "file-changed", "file-changed", "generation-completed");
        List<SseReader.Event> ui = readToEnd(path + "?types=FileChanged,DraftChunk&roles=ui", Map.of());
        assertThat(ui).extracting(SseReader.Event::type)
                .containsExactly("draft-chunk", "file-changed", "generation-completed");
        List<SseReader.Event> api = readToEnd(path + "?roles=API", Map.of());
        assertThat(api).extracting(SseReader.Event::type).containsExactly("generation-started", "phase-changed",
                "draft-chunk", "file-changed", "checkpoint-taken", "phase-changed", "generation-completed");
    }

    @Test
    void shouldStartFromACheckpointsFilesThenContinue() throws Exception {
        TestEvents events = produceGeneration("checkpoint");
        CheckpointFile index = CheckpointFile.newBuilder().setContent("<main></main>").setVersion(1)
                .setSha256("11".repeat(32)).build();
        CheckpointFile server = CheckpointFile.newBuilder().setContent("import http from 'node:http';\n")
                .setVersion(1).setSha256("22".repeat(32)).build();
        TestKafka.shared().client().produce(Topics.CHECKPOINTS, Topics.checkpointKey(events.id(), 1),
                Checkpoint.newBuilder().setGenerationId(events.id()).setCheckpointId(1).setPhase(Phase.SKELETON)
                        .setLabel("after SKELETON").setFiles(Map.of("public/index.html", index, "server.js", server))
                        .setCreatedAt(Instant.now()).build());

        List<SseReader.Event> fromCheckpoint = readToEnd("/api/generations/" + events.id()
                + "/events?fromCheckpoint=1", Map.of());
        assertThat(fromCheckpoint).extracting(SseReader.Event::type).containsExactly("checkpoint-taken",
                "file-changed", "file-changed", "phase-changed", "file-changed", "generation-completed");
        JsonNode snapshot = JSON.readTree(fromCheckpoint.get(2).data());
        assertThat(snapshot.get("snapshot").asBoolean()).isTrue();
        assertThat(snapshot.get("payload").get("path").asText()).isEqualTo("server.js");
        assertThat(snapshot.get("content").asText()).isEqualTo("import http from 'node:http';\n");
        assertThat(fromCheckpoint.get(1).id()).isEqualTo(fromCheckpoint.get(0).id());

        given().get("/api/generations/" + events.id() + "/events?fromCheckpoint=7").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldServeTheFirehoseOfAllGenerations() {
        try (SseReader reader = SseReader.open(url("/api/stream-generation"))) {
            await().atMost(WAIT).until(() -> !reader.comments().isEmpty());
            TestEvents a = new TestEvents(TestEvents.newId("fire-a"));
            TestEvents b = new TestEvents(TestEvents.newId("fire-b"));
            a.started();
            b.started();
            await().atMost(WAIT).until(() -> reader.events().stream()
                    .filter(e -> e.data().contains(a.id()) || e.data().contains(b.id())).count() == 2);
        }
    }
}
