package io.streamgen.agent.model;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.util.Map;
import java.util.function.Function;

/**
 * A provider's error as a recording keeps it and as a replay throws it again: the same exception
 * type, HTTP status and message, so that the agent classifies a replayed failure (rate limit,
 * context length, refused key) exactly as it classified the real one.
 */
final class RecordedErrors {

    /** The langchain4j types a replay re-creates; anything else comes back as a {@link ReplayedStreamException}. */
    private static final Map<String, Function<String, RuntimeException>> KNOWN = Map.of(
            AuthenticationException.class.getName(), AuthenticationException::new,
            ModelNotFoundException.class.getName(), ModelNotFoundException::new,
            RateLimitException.class.getName(), RateLimitException::new,
            InternalServerException.class.getName(), InternalServerException::new,
            InvalidRequestException.class.getName(), InvalidRequestException::new,
            TimeoutException.class.getName(), TimeoutException::new,
            ContentFilteredException.class.getName(), ContentFilteredException::new);

    private RecordedErrors() {
    }

    /** The end line for a failed stream; the HTTP exception in the cause chain, when any, is what counts. */
    static RecordingFormat.End describe(long t, Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HttpException http) {
                return new RecordingFormat.End(t, RecordingFormat.End.ERROR, null, message(http),
                        HttpException.class.getName(), http.statusCode());
            }
        }
        return new RecordingFormat.End(t, RecordingFormat.End.ERROR, null, message(error), error.getClass().getName(), null);
    }

    static RuntimeException rebuild(RecordingFormat.End end) {
        String message = end.error() == null ? "the recorded stream failed" : end.error();
        if (end.status() != null) {
            return new HttpException(end.status(), message);
        }
        Function<String, RuntimeException> known = end.errorType() == null ? null : KNOWN.get(end.errorType());
        return known != null ? known.apply(message) : new ReplayedStreamException(message);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A recorded failure of a type a replay does not re-create; the message is the original's. */
    static final class ReplayedStreamException extends RuntimeException {
        ReplayedStreamException(String message) {
            super(message);
        }
    }
}
