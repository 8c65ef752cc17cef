package io.streamgen.coordinator.state;

/** Where a generation stands. Only a RUNNING generation accepts chunks and starts tasks. */
public enum GenerationStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean accepting() {
        return this == RUNNING;
    }
}
