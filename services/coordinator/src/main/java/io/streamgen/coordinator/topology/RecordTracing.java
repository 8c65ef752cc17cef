package io.streamgen.coordinator.topology;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.streamgen.schema.trace.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Traces through the coordinator's hop. spring-kafka's observations do not reach inside a Kafka
 * Streams processor, so it is done here: every input record is handled in a span whose parent is
 * the trace context in the record's headers (an agent's chunk, the gateway's request), and every
 * record forwarded while handling it carries that span's context in its own headers. Without an
 * SDK the W3C context still passes through unchanged, so a trace is not cut at this hop.
 */
final class RecordTracing {

    static final AttributeKey<String> GENERATION = AttributeKey.stringKey("streamgen.generation.id");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");


    private final Tracer tracer;
    private final TextMapPropagator propagator;

    RecordTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.streamgen.coordinator");
        TextMapPropagator configured = openTelemetry.getPropagators().getTextMapPropagator();
        this.propagator = configured == TextMapPropagator.noop() ? W3CTraceContextPropagator.getInstance() : configured;
    }

    static RecordTracing off() {
        return new RecordTracing(OpenTelemetry.noop());
    }

    /** The span an input record is handled in, under the context its headers carry. */
    Span handling(String topic, int partition, long offset, Headers headers, String generationId) {
        Context parent = propagator.extract(Context.root(), headers, TraceHeaders.GETTER);
        return tracer.spanBuilder(topic + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION, "process")
                .setAttribute(PARTITION, (long) partition).setAttribute(OFFSET, offset)
                .setAttribute(GENERATION, generationId).startSpan();
    }

    /** The span of a deadline check: no record caused it, so it starts a trace of its own. */
    Span checkingDeadlines(String generationId) {
        return tracer.spanBuilder("coordinator deadline check").setNoParent().setSpanKind(SpanKind.INTERNAL)
                .setAttribute(GENERATION, generationId).startSpan();
    }

    static void failed(Span span, Throwable error) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    }

    /** The headers of a record written in {@code span}: its W3C trace context, or none without one. */
    Map<String, byte[]> contextOf(Span span) {
        Map<String, byte[]> fields = new HashMap<>(2);
        propagator.inject(Context.root().with(span), fields,
                (carrier, key, value) -> carrier.put(key, value.getBytes(StandardCharsets.UTF_8)));
        return fields;
    }

    /** Fresh headers for one forwarded record (a record's headers are its own: never share them). */
    static Headers headers(Map<String, byte[]> context) {
        RecordHeaders headers = new RecordHeaders();
        context.forEach(headers::add);
        return headers;
    }
}
