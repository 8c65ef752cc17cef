package io.streamgen.gateway.hub;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.streamgen.schema.topic.Topics;
import io.streamgen.schema.trace.TraceHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;

/**
 * The last hop of a trace: the hub reads the events topic with a plain consumer (no connector to
 * trace it), so each event whose headers carry a sampled trace context (the coordinator's span
 * that wrote it) is fanned out to its clients in a span of its own, the child of that one. Events
 * without one cost nothing: no span is started for them.
 */
@ApplicationScoped
public class EventTraces {

    static final AttributeKey<String> GENERATION = AttributeKey.stringKey("streamgen.generation.id");
    static final AttributeKey<String> TYPE = AttributeKey.stringKey("streamgen.event.type");
    static final AttributeKey<Long> CLIENTS = AttributeKey.longKey("streamgen.clients");
    static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");


    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    @Inject
    public EventTraces(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("io.streamgen.gateway");
    }

    /** The context an event was written in, from its headers ({@link Context#root()} when none). */
    public Context writtenIn(Headers headers) {
        if (headers == null || headers.lastHeader(TraceHeaders.TRACEPARENT) == null) {
            return Context.root();
        }
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, TraceHeaders.GETTER);
    }

    /** The span the record's fan-out runs in; an invalid (no-op) one when it was written untraced. */
    public Span delivering(HubRecord record) {
        Span parent = Span.fromContext(record.trace());
        if (!parent.getSpanContext().isValid() || !parent.getSpanContext().isSampled()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(Topics.EVENTS.name() + " deliver").setParent(record.trace())
                .setSpanKind(SpanKind.CONSUMER).setAttribute(GENERATION, record.generationId())
                .setAttribute(TYPE, record.type()).setAttribute(PARTITION, (long) record.position().partition())
                .setAttribute(OFFSET, record.position().offset()).startSpan();
    }

    public static void delivered(Span span, int clients) {
        if (span.getSpanContext().isValid()) {
            span.setAttribute(CLIENTS, (long) clients);
            span.end();
        }
    }
}
