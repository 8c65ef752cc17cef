package io.streamgen.agent.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The lines of a recording, one JSON object each: a {@link Header}, then a {@link Token} per
 * streamed piece of text, then one {@link End} (absent when the agent died mid-stream).
 */
final class RecordingFormat {

    /** Thread-safe once configured; shared by every writer and reader. Fields a later version adds are ignored. */
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static final int VERSION = 1;

    private RecordingFormat() {
    }

    /** Who answered which request, so that a replay can be matched to a task. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Header(int recording, String at, String provider, String model, List<RecordedMessage> messages) {
    }

    /** A piece of text, {@code t} milliseconds after the call started. */
    record Token(long t, String text) {
    }

    /**
     * How the stream ended: {@code complete}, {@code error} (with the provider's message, the
     * exception type and the HTTP status when there was one) or {@code cancelled} by the agent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record End(long t, String end, String finishReason, String error, String errorType, Integer status) {

        static final String COMPLETE = "complete";
        static final String ERROR = "error";
        static final String CANCELLED = "cancelled";

        static End complete(long t, String finishReason) {
            return new End(t, COMPLETE, finishReason, null, null, null);
        }

        static End cancelled(long t) {
            return new End(t, CANCELLED, null, null, null, null);
        }
    }
}
