package io.streamgen.agent.model;

/**
 * Every member of an ensemble failed before one could win. The message names each member's
 * failure; the cause is the failure that says most about retrying (a transient one, if any).
 */
public final class EnsembleFailedException extends RuntimeException {

    public EnsembleFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
