package io.streamgen.agent.task;

/** The model answered, but with nothing that can be written to a file. Retried. */
final class UnusableAnswerException extends RuntimeException {
    UnusableAnswerException(String message) {
        super(message);
    }
}
