package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.stream.Subscription;
import io.streamgen.gateway.support.SseReader;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topics;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A client that does not read while a generation writes ~40 MB of file events: its queue stays
 * bounded and its file events are coalesced into snapshots, while a fast client on the same
 * generation gets every event.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class SlowClientIT {

    private static final int FILES = 8;
    private static final int EVENTS = 2400;
    private static final String CONTENT = "x".repeat(16 * 1024);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventHub hub;

    @Test
    void shouldCoalesceASlowClientAndKeepItsMemoryBoundedWhileAFastClientGetsEverything() throws Exception {
        String id = TestEvents.newId("slow");
        String path = "/api/generations/" + id + "/events";
        try (Socket slow = new Socket();
                SseReader fast = SseReader.open(base.toString().replaceAll("/$", "") + path)) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream request = slow.getOutputStream();
            request.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriptionsOf(id).size() == 2);

            produce(id);

            await().atMost(Duration.ofSeconds(90)).until(fast::ended);
            List<SseReader.Event> all = fast.events();
            assertThat(all).hasSize(EVENTS + 2);
            assertThat(all.get(all.size() - 1).type()).isEqualTo("generation-completed");
            assertThat(all).noneMatch(e -> "lagged".equals(e.type()));

            List<Subscription> left = subscriptionsOf(id);
            assertThat(left).hasSize(1);
            int capacity = 1024;
            assertThat(left.get(0).maxQueued()).isLessThanOrEqualTo(2 * capacity);
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(counter(metrics, "streamgen_gateway_events_dropped_to_snapshot_total")).isPositive();
            assertThat(counter(metrics, "streamgen_gateway_events_coalesced_total")).isPositive();

            String text = dechunk(readAll(slow.getInputStream()));
            List<SseReader.Event> slowEvents = parse(text);
            assertThat(slowEvents.get(slowEvents.size() - 1).type()).isEqualTo("generation-completed");
            assertThat(slowEvents).anyMatch(e -> "lagged".equals(e.type()));
            assertThat(slowEvents.size()).isLessThan(EVENTS);
            Map<String, Integer> lastVersion = new HashMap<>();
            for (SseReader.Event e : slowEvents) {
                if ("file-changed".equals(e.type())) {
                    JsonNode body = JSON.readTree(e.data());
                    lastVersion.put(body.get("payload").get("path").asText(), body.get("payload").get("version").asInt());
                }
            }
            for (int f = 0; f < FILES; f++) {
                assertThat(lastVersion).containsEntry("src/file" + f + ".js", EVENTS / FILES);
            }
        }
    }

    private List<Subscription> subscriptionsOf(String id) {
        return hub.subscriptions().stream().filter(s -> id.equals(s.generationId())).toList();
    }

    /** Produces the generation in batches, at a pace a reading client keeps up with. */
    private static void produce(String id) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, GenerationEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>())) {
            producer.send(record(id, GenerationStarted.newBuilder().setPrompt("big").setTargetStack("javascript-node")
                    .setFlags(Flags.newBuilder().build()).setMergeStrategy(MergeStrategy.PHASE_PRIORITY)
                    .setPhases(List.of(Phase.SKELETON)).setRequestedAt(Instant.now()).build()));
            for (int i = 0; i < EVENTS; i++) {
                int version = i / FILES + 1;
                producer.send(record(id, FileChanged.newBuilder().setPath("src/file" + (i % FILES) + ".js")
                        .setVersion(version).setOp(version == 1 ? FileOp.CREATED : FileOp.MODIFIED)
                        .setContent(version + CONTENT).setAuthors(List.of(Role.LOGIC)).setSha256("00".repeat(32))
                        .build()));
                if (i % 100 == 99) {
                    producer.flush();
                    Thread.sleep(40);
                }
            }
            producer.send(record(id, GenerationCompleted.newBuilder().build())).get();
        }
    }

    private static ProducerRecord<String, GenerationEvent> record(String id, Object payload) {
        return new ProducerRecord<>(Topics.EVENTS.name(), id, GenerationEvent.newBuilder().setGenerationId(id)
                .setAt(Instant.now()).setProgress(0.5).setPayload(payload).build());
    }

    private static double counter(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name)).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static byte[] readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** The body of a chunked HTTP/1.1 response. */
    private static String dechunk(byte[] response) {
        String raw = new String(response, StandardCharsets.ISO_8859_1);
        int at = raw.indexOf("\r\n\r\n") + 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (at < raw.length()) {
            int eol = raw.indexOf("\r\n", at);
            int size = Integer.parseInt(raw.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(response, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static List<SseReader.Event> parse(String text) {
        List<SseReader.Event> events = new java.util.ArrayList<>();
        for (String block : text.split("\n\n")) {
            String id = null;
            String type = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
            if (data != null) {
                events.add(new SseReader.Event(id, type, data));
            }
        }
        return events;
    }
}
