package io.streamgen.schema.trace;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where a record carries its trace context: W3C {@code traceparent}/{@code tracestate} headers,
 * UTF-8 text, as the SmallRye connector writes them. One reader for every service that reads them
 * by hand (the coordinator's processor, the gateway's hub).
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";

    /** Reads a record's headers for a propagator; the last header of a name wins, as Kafka's own lookup. */
    public static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceHeaders() {
    }
}
