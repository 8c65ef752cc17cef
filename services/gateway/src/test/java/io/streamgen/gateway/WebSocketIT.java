package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /stream: subscribe, receive the generation's events, send an intervention that reaches control. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class WebSocketIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/stream")
    URL stream;

    private static final class Collector implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    private URI uri() {
        return URI.create(stream.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void shouldStreamEventsAndTakeInterventionsOnTheSameSocket() throws Exception {
        TestEvents events = new TestEvents(TestEvents.newId("ws"));
        events.started();
        events.task(Role.UI, AgentState.STREAMING);
        events.draft(Role.UI, "public/app.js", 1, "export const a = 1;\n");
        events.file(Role.UI, "public/app.js", 1, "export const a = 1;\n");

        Collector collector = new Collector();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://localhost:8080")
                .buildAsync(uri(), collector).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"action\":\"subscribe\",\"generationId\":\"" + events.id() + "\"}", true)
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> types(collector).contains("file-changed"));
        assertThat(types(collector)).contains("subscribed");
        assertThat(types(collector).stream().filter(t -> !t.equals("subscribed")).toList())
                .containsExactly("generation-started", "task-state-changed", "draft-chunk", "file-changed");
        JsonNode draft = collector.messages.stream().filter(m -> m.get("type").asText().equals("draft-chunk"))
                .findFirst().orElseThrow();
        assertThat(draft.get("agentId").asText()).isEqualTo("ui");
        assertThat(draft.get("code").asText()).isEqualTo("export const a = 1;\n");
        assertThat(draft.get("metadata").get("path").asText()).isEqualTo("public/app.js");

        socket.sendText("{\"action\":\"intervene\",\"generationId\":\"" + events.id()
                + "\",\"intervention\":{\"action\":\"pause\",\"role\":\"UI\"}}", true).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> types(collector).contains("intervention-accepted"));
        Intervention pause = TestKafka.shared().client().awaitValues(Topics.CONTROL, events.id(), 1).get(0);
        assertThat(pause.getAction()).isEqualTo(InterventionAction.PAUSE);
        assertThat(pause.getRole()).isEqualTo(Role.UI);

        events.completed();
        await().atMost(Duration.ofSeconds(30)).until(() -> types(collector).contains("generation-completed"));
        socket.sendText("{\"action\":\"dance\"}", true).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> types(collector).contains("error"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseAForeignOrigin() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://evil.example").buildAsync(uri(), new Collector()).get(10, TimeUnit.SECONDS))
                .rootCause().hasMessageContaining("403");
    }

    private static List<String> types(Collector collector) {
        return collector.messages.stream().map(m -> m.get("type").asText()).toList();
    }
}
