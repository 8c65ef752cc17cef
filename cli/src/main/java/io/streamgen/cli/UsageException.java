package io.streamgen.cli;

/** A bad argument, found after parsing (an event id, a merge strategy): the CLI exits 64 with its message. */
public final class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
