package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.streamgen.gateway.support.NodeProject;
import io.streamgen.gateway.support.NodeScript;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Role;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-side views ({@code view=files|drafts|metrics}), path filters and the compact encoding,
 * read by npm's {@code eventsource} and {@code ws} clients (src/test/node/views.mjs) while a
 * generation's events are produced on a real broker.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class ViewsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static NodeProject clients;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void install() {
        clients = NodeProject.install(Path.of("src/test/node"), Path.of("target/views-clients"), Duration.ofMinutes(5));
    }

    @Test
    void shouldServeEachClientTheViewItAskedFor() {
        String generationId = TestEvents.newId("views");
        String logicV1 = "export function add(a, b) {\n  return a + b;\n}\n";
        String logicV2 = "export function add(a, b) {\n  return a + b;\n}\n\nexport function sub(a, b) {\n  return a - b;\n}\n";
        try (NodeScript script = clients.start("views.mjs", Map.of("GATEWAY_URL", base.toString().replaceAll("/$", ""),
                "GENERATION_ID", generationId, "TIMEOUT_MS", "45000"))) {
            await().atMost(WAIT).failFast("the clients exited early", () -> assertThat(script.running()).as(script::describe).isTrue())
                    .until(() -> script.reported("open")); // each follows one generation from its start: no race

            TestEvents events = new TestEvents(generationId);
            events.started();
            events.task(Role.LOGIC, AgentState.STREAMING);
            events.draft(Role.LOGIC, "src/logic.js", 1, "export function add(a, b) {\n");
            events.draft(Role.UI, "public/index.html", 1, "<main></main>\n");
            events.created(Role.LOGIC, "src/logic.js", logicV1);
            events.created(Role.UI, "public/index.html", "<main></main>\n");
            events.modified(Role.LOGIC, "src/logic.js", 2, logicV1, logicV2);
            events.task(Role.LOGIC, AgentState.DONE);
            events.completed();

            assertThat(script.awaitExit(WAIT)).as(script::describe).isZero();
            JsonNode report = script.report("done").orElseThrow().get("clients");

            List<JsonNode> files = list(report.get("files"));
            assertThat(files).extracting(m -> m.get("type").asText())
                    .as("file snapshots under src/ only, and the end").containsExactly("file-changed", "file-changed",
                            "generation-completed");
            assertThat(files.get(1).get("content").asText()).as("the whole file, the diff applied by the gateway")
                    .isEqualTo(logicV2);
            assertThat(files.get(1).get("snapshot").asBoolean()).isTrue();
            assertThat(files.get(1).get("payload").get("diff").asText()).isEmpty();

            List<JsonNode> drafts = list(report.get("drafts"));
            assertThat(drafts).extracting(m -> m.get("t").asText()).containsExactly("draft-chunk", "draft-chunk",
                    "generation-completed");
            JsonNode draft = drafts.get(0);
            assertThat(draft.get("a").asText()).isEqualTo("logic");
            assertThat(draft.get("p").asText()).isEqualTo("src/logic.js");
            assertThat(draft.get("c").asText()).isEqualTo("export function add(a, b) {\n");
            assertThat(draft.has("payload")).as("compact: no payload, no metadata").isFalse();
            assertThat(draft.has("metadata")).isFalse();

            List<JsonNode> metrics = list(report.get("metrics"));
            assertThat(metrics).extracting(m -> m.get("t").asText()).containsExactly("task-state-changed",
                    "task-state-changed", "generation-completed");
        }
    }

    @Test
    void shouldAnswerAnUnknownViewEncodingOrGlobWithAProblem() {
        String id = TestEvents.newId("views");
        for (String query : List.of("view=everything", "encoding=tiny", "paths=src/[a")) {
            RestAssured.given().accept("text/event-stream").get("/api/generations/" + id + "/events?" + query)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
