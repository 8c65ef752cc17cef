package io.streamgen.e2e;

import io.streamgen.e2e.OtlpTraceReceiver.ReceivedSpan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spans one chunk leaves on its way: the agent's task, its producer span for the chunk, the
 * coordinator's span that handled it, the gateway's span that fanned out an event written there;
 * and the root of their trace.
 */
record TraceChain(ReceivedSpan task, ReceivedSpan publish, ReceivedSpan coordinator, ReceivedSpan delivery,
                  ReceivedSpan root) {

    private static final int PRODUCER = 4; // OTLP's SPAN_KIND_PRODUCER

    /** The first complete chain of a chunk of {@code generationId} among {@code spans}, if they hold one yet. */
    static Optional<TraceChain> ofAChunk(List<ReceivedSpan> spans, String generationId) {
        Map<String, ReceivedSpan> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.spanId(), span));
        for (ReceivedSpan delivery : spans) {
            if (!delivery.name().equals("streamgen.events deliver")
                    || !generationId.equals(delivery.attributes().get("streamgen.generation.id"))) {
                continue;
            }
            ReceivedSpan coordinator = byId.get(delivery.parentSpanId());
            if (coordinator == null || !coordinator.name().equals("streamgen.chunks process")) {
                continue;
            }
            ReceivedSpan publish = byId.get(coordinator.parentSpanId());
            if (publish == null || publish.kind() != PRODUCER || !publish.name().contains("streamgen.chunks")) {
                continue;
            }
            ReceivedSpan task = byId.get(publish.parentSpanId());
            if (task == null || !task.name().startsWith("agent task")) {
                continue;
            }
            ReceivedSpan root = task;
            for (int hops = 0; !root.parentSpanId().isEmpty() && hops < 1_000; hops++) {
                ReceivedSpan parent = byId.get(root.parentSpanId());
                if (parent == null) {
                    break;
                }
                root = parent;
            }
            if (root.parentSpanId().isEmpty()) {
                return Optional.of(new TraceChain(task, publish, coordinator, delivery, root));
            }
        }
        return Optional.empty();
    }

    String describe() {
        return String.join(" <- ", List.of(delivery, coordinator, publish, task, root).stream()
                .map(span -> span.service() + ":" + span.name()).toList());
    }
}
