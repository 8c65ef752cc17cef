package io.streamgen.agent.task;

/**
 * A stream that did not end as an answer ends: no first token, a silence between tokens, the whole
 * call too long, a connection closed without a finish reason, or the model's output limit. Continued.
 */
final class StreamDeadlineException extends RuntimeException {
    StreamDeadlineException(String message) {
        super(message);
    }
}
