package io.streamgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.stream.Subscription;
import io.streamgen.gateway.support.Firehoses;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * /stream: every generation's events to a socket that sends nothing, only what it subscribed to
 * once it subscribes, interventions on the same socket, and an error reply for a bad message.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class WebSocketIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventHub hub;

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
        await().atMost(Duration.ofSeconds(30)).until(() -> types(collector).contains("subscribed")
                && typesAfterSubscribed(collector).contains("file-changed"));
        // before it subscribed, the socket got every generation's live events; from "subscribed" on, this one's
        assertThat(typesAfterSubscribed(collector))
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
    void shouldSendEveryGenerationsEventsToASocketThatSendsNothing() throws Exception {
        Collector collector = new Collector();
        WebSocket socket = openAndAwaitFirehose(collector);
        TestEvents a = new TestEvents(TestEvents.newId("ws-all-a"));
        TestEvents b = new TestEvents(TestEvents.newId("ws-all-b"));
        a.started();
        b.started();
        a.file(Role.UI, "public/app.js", 1, "export const a = 1;\n");
        a.completed();
        b.completed();

        await().atMost(WAIT).until(() -> of(collector, a.id()).size() == 3 && of(collector, b.id()).size() == 2);
        assertThat(of(collector, a.id())).extracting(m -> m.get("type").asText())
                .containsExactly("generation-started", "file-changed", "generation-completed");
        // the specification's WebSocket fields, beside the richer ones
        assertThat(of(collector, a.id())).allSatisfy(m -> assertThat(m.has("agentId") && m.has("code")
                && m.get("metadata").isObject()).isTrue());
        JsonNode file = of(collector, a.id()).get(1);
        assertThat(file.get("agentId").asText()).isEqualTo("ui");
        assertThat(file.get("code").asText()).isEqualTo("export const a = 1;\n");
        assertThat(file.get("metadata").get("path").asText()).isEqualTo("public/app.js");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendOnlyWhatASocketSubscribedToOnceItSubscribes() throws Exception {
        Collector collector = new Collector();
        WebSocket socket = openAndAwaitFirehose(collector);
        TestEvents mine = new TestEvents(TestEvents.newId("ws-mine"));
        TestEvents others = new TestEvents(TestEvents.newId("ws-others"));
        socket.sendText("{\"action\":\"subscribe\",\"generationId\":\"" + mine.id() + "\"}", true)
                .get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> types(collector).contains("subscribed"));
        others.started();
        mine.started();
        others.completed();
        mine.completed();

        await().atMost(WAIT).until(() -> typesAfterSubscribed(collector).contains("generation-completed"));
        assertThat(typesAfterSubscribed(collector)).containsExactly("generation-started", "generation-completed");
        assertThat(of(collector, others.id())).isEmpty();

        // every generation again, filtered: only file-changed events (and ends) from then on
        socket.sendText("{\"action\":\"subscribe\",\"types\":\"file-changed\"}", true).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> types(collector).stream().filter("subscribed"::equals).count() == 2);
        TestEvents next = new TestEvents(TestEvents.newId("ws-next"));
        next.started();
        next.file(Role.API, "server.js", 1, "export {};\n");
        next.completed();
        await().atMost(WAIT).until(() -> typesAfterSubscribed(collector).contains("generation-completed"));
        assertThat(typesAfterSubscribed(collector)).containsExactly("file-changed", "generation-completed");

        socket.sendText("{\"action\":\"unsubscribe\"}", true).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> types(collector).contains("unsubscribed"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerBadMessagesWithAnErrorAndKeepServingThatSocketAndOthers() throws Exception {
        Collector bad = new Collector();
        Collector bystander = new Collector();
        WebSocket badSocket = openAndAwaitFirehose(bad);
        WebSocket bystanderSocket = openAndAwaitFirehose(bystander);
        List<String> messages = List.of("not json", "[1,2]", "{\"action\":\"subscribe\",\"generationId\":5}",
                "{\"action\":\"subscribe\",\"generationId\":\"g-1\",\"from\":\"x-y\"}",
                "{\"action\":\"subscribe\",\"from\":\"0-1\"}", "{\"action\":\"subscribe\",\"types\":\"nope\"}",
                "{\"action\":\"subscribe\",\"generationId\":\"../etc\"}", "{\"action\":\"intervene\"}",
                "{\"action\":\"intervene\",\"generationId\":\"g-1\",\"intervention\":[]}");
        for (String message : messages) {
            badSocket.sendText(message, true).get(10, TimeUnit.SECONDS);
        }
        badSocket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> errors(bad).size() == messages.size() + 1);
        assertThat(errors(bad)).allSatisfy(e -> {
            assertThat(e.get("status").asInt()).isEqualTo(400);
            assertThat(e.get("detail").asText()).isNotBlank();
        });
        assertThat(errors(bad).get(2).get("detail").asText()).contains("generationId is a string");
        assertThat(errors(bad).get(4).get("detail").asText()).contains("from needs a generationId");

        // neither socket lost its stream: a malformed subscribe changes nothing
        TestEvents after = new TestEvents(TestEvents.newId("ws-after-errors"));
        after.started();
        await().atMost(WAIT).until(() -> of(bad, after.id()).size() == 1 && of(bystander, after.id()).size() == 1);
        assertThat(errors(bystander)).isEmpty();
        badSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        bystanderSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    /** Opens a socket and waits until the gateway feeds it every generation's events. */
    private WebSocket openAndAwaitFirehose(Collector collector) throws Exception {
        Set<Subscription> before = Firehoses.open(hub);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri(), collector)
                .get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> Firehoses.openedSince(hub, before) >= 1);
        return socket;
    }

    private static List<JsonNode> of(Collector collector, String generationId) {
        return collector.messages.stream().filter(m -> generationId.equals(m.path("generationId").asText(null))
                && !m.path("type").asText().equals("subscribed")).toList();
    }

    private static List<JsonNode> errors(Collector collector) {
        return collector.messages.stream().filter(m -> m.path("type").asText().equals("error")).toList();
    }

    @Test
    void shouldRefuseAForeignOrigin() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://evil.example").buildAsync(uri(), new Collector()).get(10, TimeUnit.SECONDS))
                .rootCause().hasMessageContaining("403");
    }

    /** What came after the last "subscribed" reply (which precedes the subscription's first event). */
    private static List<String> typesAfterSubscribed(Collector collector) {
        List<String> types = types(collector);
        return types.subList(types.lastIndexOf("subscribed") + 1, types.size());
    }

    private static List<String> types(Collector collector) {
        return collector.messages.stream().map(m -> m.get("type").asText()).toList();
    }
}
