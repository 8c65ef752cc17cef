package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.stream.Subscription;
import io.streamgen.gateway.support.Firehoses;
import io.streamgen.gateway.support.RawSseStream;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.schema.Role;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire of every SSE endpoint: only the fields the SSE specification defines
 * ({@code id:}, {@code event:}, {@code data:}, {@code retry:}) and comments, and on the firehose no
 * {@code event:} unless asked for ({@code ?named=true}), since {@code onmessage} sees unnamed events only.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class SseFramingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SSE_LINE = Pattern.compile("^(|:.*|(id|event|data|retry): ?.*)$");

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventHub hub;

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static TestEvents produceShortGeneration(String prefix) {
        TestEvents events = new TestEvents(TestEvents.newId(prefix));
        events.started();
        events.draft(Role.UI, "public/index.html", 1, "<main>");
        events.file(Role.UI, "public/index.html", 1, "<main>\n  <h1>todo</h1>\n</main>\n");
        events.completed();
        return events;
    }

    @Test
    void shouldWriteOnlySseFieldsOnTheStreamOfOneGeneration() {
        TestEvents events = produceShortGeneration("framing");
        try (RawSseStream raw = RawSseStream.open(url("/api/generations/" + events.id() + "/events"))) {
            await().atMost(WAIT).until(raw::ended);
            assertThat(raw.status()).isEqualTo(200);
            assertOnlySseLines(raw.lines());
            assertThat(raw.lines()).filteredOn(l -> l.startsWith("event:")).hasSize(4);
            assertThat(raw.lines()).filteredOn(l -> l.startsWith("id:")).hasSize(4);
            assertThat(raw.lines()).filteredOn(l -> l.startsWith("retry:")).containsExactly("retry:2000");
        }
    }

    @Test
    void shouldSendUnnamedEventsWithIdsOnTheFirehoseAndNamedOnesWhenAsked() {
        Set<Subscription> before = Firehoses.open(hub);
        try (RawSseStream unnamed = RawSseStream.open(url("/api/stream-generation"));
                RawSseStream named = RawSseStream.open(url("/api/stream-generation?named=true"))) {
            await().atMost(WAIT).until(() -> Firehoses.openedSince(hub, before) >= 2);
            TestEvents events = produceShortGeneration("firehose-framing");
            String end = "\"type\":\"generation-completed\",\"generationId\":\"" + events.id() + "\"";
            await().atMost(WAIT).until(() -> unnamed.text().contains(end) && named.text().contains(end));

            assertOnlySseLines(unnamed.lines());
            assertOnlySseLines(named.lines());
            assertThat(unnamed.lines()).noneMatch(l -> l.startsWith("event:"));
            assertThat(dataLinesOf(unnamed, events.id())).hasSize(4);
            assertThat(named.lines()).contains("event:generation-started", "event:draft-chunk", "event:file-changed",
                    "event:generation-completed");
            for (RawSseStream stream : List.of(unnamed, named)) {
                // every event of the topic carries its id, so an EventSource resumes with Last-Event-ID
                List<String> lines = stream.lines();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("data:") && lines.get(i).contains(events.id())) {
                        assertThat(frameOf(lines, i)).anyMatch(l -> l.matches("id:\\d+-\\d+"));
                    }
                }
            }
        }
    }

    @Test
    void shouldRefuseANamedValueThatIsNeitherTrueNorFalse() {
        given().get("/api/stream-generation?named=yes").then().statusCode(400).contentType("application/problem+json");
    }

    private static void assertOnlySseLines(List<String> lines) {
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).as("an SSE line").matches(SSE_LINE));
        assertThat(lines).noneMatch(l -> l.toLowerCase().startsWith("content-type"));
    }

    private static List<String> dataLinesOf(RawSseStream stream, String generationId) {
        return stream.lines().stream().filter(l -> l.startsWith("data:") && l.contains(generationId)).toList();
    }

    /** The lines of the frame that holds line {@code index} (frames end at an empty line). */
    private static List<String> frameOf(List<String> lines, int index) {
        int start = index;
        while (start > 0 && !lines.get(start - 1).isEmpty()) {
            start--;
        }
        int end = index;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start, end);
    }
}
