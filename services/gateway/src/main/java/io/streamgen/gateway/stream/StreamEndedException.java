package io.streamgen.gateway.stream;

/** The client resumed after the generation's last event: there is nothing more to stream. */
public class StreamEndedException extends RuntimeException {

    public StreamEndedException(String generationId) {
        super("generation " + generationId + " has ended");
    }
}
