package io.streamgen.agent.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.streamgen.schema.AgentTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One span per task an agent runs, the child of the task record's receive span (so of the
 * coordinator's span that issued it): the parent of every chunk, status and bus record the task
 * publishes. A model streams on its own threads, where no context is current, so the records are
 * sent with the task's context as their {@link TracingMetadata} instead.
 */
@ApplicationScoped
public class TaskTraces {

    public static final AttributeKey<String> GENERATION = AttributeKey.stringKey("streamgen.generation.id");
    public static final AttributeKey<String> TASK = AttributeKey.stringKey("streamgen.task.id");
    public static final AttributeKey<String> ROLE = AttributeKey.stringKey("streamgen.role");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("streamgen.attempt");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("streamgen.outcome");

    private final Tracer tracer;
    private final Map<String, Span> running = new ConcurrentHashMap<>();

    @Inject
    public TaskTraces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.streamgen.agent");
    }

    /** Opens the task's span under the context its record arrived with (none: under the current one). */
    public void begin(Message<?> record, AgentTask task, int attempt) {
        Context parent = TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext)
                .orElseGet(Context::current);
        Span span = tracer.spanBuilder("agent task " + task.getRole().name().toLowerCase(Locale.ROOT))
                .setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(GENERATION, task.getGenerationId()).setAttribute(TASK, task.getTaskId())
                .setAttribute(ROLE, task.getRole().name()).setAttribute(ATTEMPT, (long) attempt).startSpan();
        Span earlier = running.put(key(task.getGenerationId(), task.getTaskId()), span);
        if (earlier != null) {
            earlier.end(); // an attempt this instance gave up without ending it
        }
    }

    /** The metadata that makes a record of this task a child of its span; nothing when it has none. */
    public Object[] metadataOf(String generationId, String taskId) {
        if (taskId == null) {
            return new Object[0];
        }
        Span span = running.get(key(generationId, taskId));
        return span == null ? new Object[0]
                : new Object[] {TracingMetadata.withCurrent(Context.root().with(span))};
    }

    public Optional<Span> spanOf(String generationId, String taskId) {
        return Optional.ofNullable(running.get(key(generationId, taskId)));
    }

    /** Ends the task's span with its outcome; a failure (or records Kafka did not take) marks it an error. */
    public void end(AgentTask task, String outcome, String reason, Throwable error) {
        Span span = running.remove(key(task.getGenerationId(), task.getTaskId()));
        if (span == null) {
            return;
        }
        span.setAttribute(OUTCOME, outcome);
        if (error != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        } else if ("FAILED".equals(outcome)) {
            span.setStatus(StatusCode.ERROR, reason == null ? "failed" : reason);
        }
        span.end();
    }

    private static String key(String generationId, String taskId) {
        return generationId + "/" + taskId;
    }
}
