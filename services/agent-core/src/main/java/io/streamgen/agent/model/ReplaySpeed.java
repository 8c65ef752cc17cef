package io.streamgen.agent.model;

/** How a {@code replay} model paces a recording: as it was recorded, or as fast as the agent takes it. */
public enum ReplaySpeed {
    /** Each token at the offset it arrived at when recorded (first-token latency included). */
    ORIGINAL,
    /** Every token at once, for tests and CI that want the answer, not the wait. */
    FLAT
}
