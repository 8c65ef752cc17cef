package io.streamgen.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** A task's span: the child of its record's context, the parent of what the task publishes. */
class TaskTracesTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String RECEIVED = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final TaskTraces traces = new TaskTraces(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build());
    private final AgentTask task = AgentTask.newBuilder().setGenerationId("g-1").setTaskId("features-ui")
            .setPhase(Phase.FEATURES).setRole(Role.UI).setInstructions("write").setPrompt("a todo app")
            .setCreatedAt(Instant.now()).build();

    @Test
    void shouldMakeEveryRecordOfATaskTheChildOfItsSpanUnderTheRecordItCameIn() {
        traces.begin(received(), task, 2);

        Object[] metadata = traces.metadataOf("g-1", "features-ui");
        assertThat(metadata).singleElement().isInstanceOf(TracingMetadata.class);
        SpanContext parent = Span.fromContext(((TracingMetadata) metadata[0]).getCurrentContext()).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(TRACE);

        traces.end(task, "DONE", null, null);
        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("agent task ui");
        assertThat(span.getParentSpanId()).isEqualTo(RECEIVED);
        assertThat(span.getSpanId()).as("what the records are sent under").isEqualTo(parent.getSpanId());
        assertThat(span.getAttributes().get(TaskTraces.GENERATION)).isEqualTo("g-1");
        assertThat(span.getAttributes().get(TaskTraces.ATTEMPT)).isEqualTo(2L);
        assertThat(span.getAttributes().get(TaskTraces.OUTCOME)).isEqualTo("DONE");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(traces.metadataOf("g-1", "features-ui")).as("nothing after its end").isEmpty();
    }

    @Test
    void shouldMarkAFailedTaskAndOneWhoseRecordsKafkaRefusedAsErrors() {
        traces.begin(received(), task, 1);
        traces.end(task, "FAILED", "model openai:gpt-4o cannot be used", null);
        AgentTask other = AgentTask.newBuilder(task).setTaskId("features-api").setRole(Role.API).build();
        traces.begin(received(), other, 1);
        traces.end(other, "DONE", null, new IllegalStateException("the broker refused the END chunk"));

        assertThat(exported.getFinishedSpanItems()).extracting(s -> s.getStatus().getStatusCode(),
                s -> s.getStatus().getDescription()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(StatusCode.ERROR, "model openai:gpt-4o cannot be used"),
                org.assertj.core.groups.Tuple.tuple(StatusCode.ERROR, "the broker refused the END chunk"));
    }

    @Test
    void shouldSendRecordsWithoutContextForATaskItDoesNotRunOrWithoutATaskId() {
        assertThat(traces.metadataOf("g-1", "skeleton-ui")).isEmpty();
        assertThat(traces.metadataOf("g-1", null)).isEmpty();
        traces.end(task, "DONE", null, null); // never begun: nothing to end, no error
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    /** A task record as the connector hands it over: with the context of its receive span. */
    private static Message<byte[]> received() {
        SpanContext receive = SpanContext.createFromRemoteParent(TRACE, RECEIVED, TraceFlags.getSampled(),
                TraceState.getDefault());
        return Message.of(new byte[0], Metadata.of(TracingMetadata.withCurrent(Context.root().with(Span.wrap(receive)))));
    }
}
