package io.streamgen.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.event.GenerationCompleted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The gateway's hop: an event written in a traced span is fanned out in its child; others in none. */
class EventTracesTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String COORDINATOR = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final EventTraces traces = new EventTraces(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());

    @Test
    void shouldDeliverATracedEventInTheChildOfTheSpanThatWroteIt() {
        HubRecord record = record(headers("00-" + TRACE + "-" + COORDINATOR + "-01"));

        Span span = traces.delivering(record);
        EventTraces.delivered(span, 3);

        SpanData delivered = exported.getFinishedSpanItems().get(0);
        assertThat(delivered.getName()).isEqualTo("streamgen.events deliver");
        assertThat(delivered.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(delivered.getTraceId()).isEqualTo(TRACE);
        assertThat(delivered.getParentSpanId()).isEqualTo(COORDINATOR);
        assertThat(delivered.getAttributes().get(EventTraces.GENERATION)).isEqualTo("gen-1");
        assertThat(delivered.getAttributes().get(EventTraces.TYPE)).isEqualTo("generation-completed");
        assertThat(delivered.getAttributes().get(EventTraces.CLIENTS)).isEqualTo(3L);
        assertThat(delivered.getAttributes().get(EventTraces.OFFSET)).isEqualTo(41L);
    }

    @Test
    void shouldStartNoSpanForAnUntracedAnUnsampledOrAMalformedContext() {
        for (RecordHeaders headers : new RecordHeaders[] {new RecordHeaders(),
                headers("00-" + TRACE + "-" + COORDINATOR + "-00"), headers("00-not-a-context")}) {
            Span span = traces.delivering(record(headers));
            assertThat(span.getSpanContext().isValid()).isFalse();
            EventTraces.delivered(span, 1);
        }
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void shouldStartNoSpanWhenTracingIsOff() {
        EventTraces off = new EventTraces(OpenTelemetry.noop());
        Span span = off.delivering(new HubRecord(0, 41, 0, completed(),
                off.writtenIn(headers("00-" + TRACE + "-" + COORDINATOR + "-01"))));
        assertThat(span.getSpanContext().isValid()).isFalse();
    }

    private HubRecord record(RecordHeaders headers) {
        return new HubRecord(0, 41, 0, completed(), traces.writtenIn(headers));
    }

    private static GenerationEvent completed() {
        return GenerationEvent.newBuilder().setGenerationId("gen-1").setAt(Instant.EPOCH)
                .setPayload(GenerationCompleted.newBuilder().setDurationMillis(5).build()).build();
    }

    private static RecordHeaders headers(String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
