package io.streamgen.coordinator.state;

/**
 * The coordinator's view of a task: PLANNED (not yet published), WAITING (for requirements),
 * RELEASED (published to its role's topic), DONE, FAILED, SKIPPED (an optional role that failed).
 */
public enum TaskStage {
    PLANNED, WAITING, RELEASED, DONE, FAILED, SKIPPED;

    public boolean finished() {
        return this == DONE || this == SKIPPED;
    }

    public boolean unreleased() {
        return this == PLANNED || this == WAITING;
    }
}
