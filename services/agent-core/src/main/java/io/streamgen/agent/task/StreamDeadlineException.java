package io.streamgen.agent.task;

/** A stream missed a deadline: no first token, a silence between tokens, or the whole call too long. Continued. */
final class StreamDeadlineException extends RuntimeException {
    StreamDeadlineException(String message) {
        super(message);
    }
}
