package io.streamgen.gateway.stream;

/** A generation, checkpoint or file that does not exist (404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
