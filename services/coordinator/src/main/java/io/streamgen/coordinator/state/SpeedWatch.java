package io.streamgen.coordinator.state;

/**
 * One role's speed within a generation (at most one per role): how long its current task has
 * been below the floor (or, after a switch, above the headroom), and the model later tasks get.
 */
public class SpeedWatch {
    /** "taskId#attempt" of the task the run below or above was measured on. */
    public String task;
    /** Status time the current run of slow (or, switched, fast) statuses began; -1 when there is none. */
    public long since = -1;
    /** The faster model the role's later tasks get; null = the preferred one (the request's or the agent's). */
    public String override;
    /** The model that was too slow, named again when the role goes back to it. */
    public String slowModel;
}
