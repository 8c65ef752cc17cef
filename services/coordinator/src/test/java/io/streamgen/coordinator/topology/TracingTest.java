package io.streamgen.coordinator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's hop of a trace: each input record is handled in a span under the context of
 * its headers, and everything forwarded for it carries that span's context; without an SDK the
 * context passes through as it came.
 */
class TracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String GATEWAY_SPAN = "00f067aa0ba902b7";
    private static final String AGENT_SPAN = "b7ad6b7169203331";

    @TempDir
    Path stateDir;

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private CoordinatorDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(OpenTelemetry openTelemetry) {
        driver = new CoordinatorDriver(CoordinatorTopology.build(EngineSettings.defaults(), openTelemetry),
                new Properties(), stateDir);
    }

    private void startWithSdk() {
        start(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());
    }

    @Test
    void shouldIssueTheTasksOfATracedRequestInTheChildSpanOfTheGatewaysOne() {
        startWithSdk();

        driver.send(Topics.REQUESTS, driver.newRequest(CoordinatorDriver.flags().setParallel(true).build()).build(),
                traced(GATEWAY_SPAN));

        SpanData handling = only("streamgen.requests process");
        assertThat(handling.getTraceId()).isEqualTo(TRACE);
        assertThat(handling.getParentSpanId()).isEqualTo(GATEWAY_SPAN);
        assertThat(handling.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(handling.getAttributes().get(RecordTracing.GENERATION)).isEqualTo(CoordinatorDriver.GENERATION);
        List<TestRecord<String, AgentTask>> tasks = driver.taskRecords(Role.LOGIC);
        assertThat(tasks).extracting(t -> t.value().getTaskId()).containsExactly("skeleton-logic");
        assertThat(tasks).allSatisfy(task -> assertThat(traceparent(task.headers()))
                .isEqualTo("00-" + TRACE + "-" + handling.getSpanId() + "-01"));
        assertThat(driver.eventRecords()).isNotEmpty().allSatisfy(event -> assertThat(traceparent(event.headers()))
                .isEqualTo("00-" + TRACE + "-" + handling.getSpanId() + "-01"));
    }

    @Test
    void shouldWriteAChunksEventsInTheChildSpanOfTheAgentsOne() {
        startWithSdk();
        driver.request(CoordinatorDriver.flags().setParallel(true).build());
        driver.eventRecords();
        exported.reset();

        driver.send(Topics.CHUNKS, driver.chunk("skeleton-logic", Role.LOGIC, Phase.SKELETON, "src/logic.js", null,
                ChunkOp.APPEND, "export const x = 1;\n"), traced(AGENT_SPAN));

        SpanData handling = only("streamgen.chunks process");
        assertThat(handling.getParentSpanId()).isEqualTo(AGENT_SPAN);
        assertThat(handling.getAttributes().get(RecordTracing.DESTINATION)).isEqualTo(Topics.CHUNKS.name());
        assertThat(handling.getAttributes().get(RecordTracing.OFFSET)).isNotNull();
        List<TestRecord<String, GenerationEvent>> events = driver.eventRecords();
        assertThat(events).extracting(e -> e.value().getPayload()).hasAtLeastOneElementOfType(FileChanged.class);
        assertThat(events).allSatisfy(event -> assertThat(traceparent(event.headers()))
                .isEqualTo("00-" + TRACE + "-" + handling.getSpanId() + "-01"));
    }

    @Test
    void shouldPassTheContextThroughUnchangedWithoutAnSdkAndAddNoneToUntracedRecords() {
        start(OpenTelemetry.noop());
        driver.request(CoordinatorDriver.flags().setParallel(true).build());
        assertThat(driver.eventRecords()).isNotEmpty().allSatisfy(e -> assertThat(e.headers().toArray()).isEmpty());

        driver.send(Topics.CHUNKS, driver.chunk("skeleton-logic", Role.LOGIC, Phase.SKELETON, "src/logic.js", null,
                ChunkOp.APPEND, "export const x = 1;\n"), traced(AGENT_SPAN));

        assertThat(driver.eventRecords()).isNotEmpty().allSatisfy(event -> assertThat(traceparent(event.headers()))
                .as("the agent's own context: the trace goes on past an untraced coordinator")
                .isEqualTo("00-" + TRACE + "-" + AGENT_SPAN + "-01"));
    }

    @Test
    void shouldKeepTheHeadersOfARecordItSendsToTheDeadLetterTopic() {
        startWithSdk();

        driver.rawChunk("not avro".getBytes(StandardCharsets.UTF_8), traced(AGENT_SPAN));

        assertThat(driver.deadLetterRecords()).singleElement()
                .satisfies(letter -> assertThat(traceparent(letter.headers())).isEqualTo("00-" + TRACE + "-" + AGENT_SPAN + "-01"));
    }

    @Test
    void shouldCarryARederivationsTraceThroughTheSeedsTopicToTheSeededFiles() {
        startWithSdk();
        driver.request(CoordinatorDriver.flags().setParallel(true).build());
        for (Role role : List.of(Role.API, Role.LOGIC, Role.UI)) {
            driver.write("skeleton-" + role.name().toLowerCase(), role, Phase.SKELETON,
                    role.name().toLowerCase() + ".js", null, "// " + role + "\n");
        }
        driver.eventRecords();
        exported.reset();

        driver.use("gen-derived").send(Topics.REQUESTS, driver.newRequest(CoordinatorDriver.flags().setParallel(true)
                .build()).setDerivedFrom(io.streamgen.schema.Derivation.newBuilder()
                .setSourceGenerationId(CoordinatorDriver.GENERATION).setFromCheckpoint(1).build()).build(),
                traced(GATEWAY_SPAN));

        SpanData request = only("streamgen.requests process");
        List<SpanData> seeds = exported.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(CoordinatorTopology.seedsTopic("streamgen-coordinator") + " process"))
                .toList();
        assertThat(seeds).as("the request on the source's side, then 3 files and the end on the new one's").hasSize(5)
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE));
        SpanData answering = seeds.stream()
                .filter(s -> CoordinatorDriver.GENERATION.equals(s.getAttributes().get(RecordTracing.GENERATION)))
                .findFirst().orElseThrow();
        assertThat(answering.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(seeds).filteredOn(s -> s != answering)
                .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(answering.getSpanId()));
        List<TestRecord<String, GenerationEvent>> seeded = driver.eventRecords().stream()
                .filter(e -> e.value().getPayload() instanceof FileChanged).toList();
        assertThat(seeded).hasSize(3).allSatisfy(event -> assertThat(traceparent(event.headers()))
                .startsWith("00-" + TRACE + "-"));
    }

    private SpanData only(String name) {
        List<SpanData> spans = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(spans).as("spans named %s among %s", name, exported.getFinishedSpanItems()).hasSize(1);
        return spans.get(0);
    }

    private static Headers traced(String parentSpan) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + TRACE + "-" + parentSpan + "-01").getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String traceparent(Headers headers) {
        Header header = headers.lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
