package io.streamgen.coordinator.state;

import io.streamgen.schema.AgentState;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One task of a generation and everything needed to apply its chunks in order. Persisted as JSON. */
public class TaskState {
    public String taskId;
    public Role role;
    public Phase phase;
    public int attempt = 1;
    public TaskStage stage = TaskStage.PLANNED;
    public AgentState agentState;
    /** Released alongside the phase's first task even when the phase runs one role at a time. */
    public boolean alongside;
    /** Created for requirements nobody provided; {@link #provides} lists them. */
    public boolean provider;
    public List<String> provides = new ArrayList<>();
    public List<String> dependsOn = new ArrayList<>();
    public long nextSeq;
    public TreeMap<Long, HeldChunk> held = new TreeMap<>();
    public boolean endApplied;
    public boolean doneReported;
    /** From the END chunk: the bus messages the attempt sent, which must be heard before it counts as done. */
    public int expectedAnnouncements;
    /** The attempt's bus messages heard so far ("TYPE name"). */
    public Set<String> heard = new LinkedHashSet<>();
    public long tokens;
    public double tokensPerSecond;
    /** Wall-clock time of the last sign of life of the current attempt (its release, a chunk or a status). */
    public long lastLifeAt;
    /** Attempts that went silent past the deadline; the task fails when they reach the limit. */
    public int silentAttempts;
    /**
     * Whether the current attempt wrote anything kept under its own keys ({@link TaskFileOutput}):
     * when false, there is nothing to take back or merge and no store needs reading.
     */
    public boolean hasOutput;
    /**
     * What the current attempt's statuses already reported, so that each is announced once per
     * attempt: "cache", "context", "switch from>to" (bounded: a few per attempt).
     */
    public Set<String> reported = new LinkedHashSet<>();
    /** The current attempt's prompt tokens already counted in the analytics. */
    public long promptTokens;

    public TaskState() {
    }

    public TaskState(String taskId, Role role, Phase phase, int attempt) {
        this.taskId = taskId;
        this.role = role;
        this.phase = phase;
        this.attempt = attempt;
    }

    /** A new attempt starts from nothing. */
    public void restart(int newAttempt) {
        attempt = newAttempt;
        nextSeq = 0;
        held.clear();
        endApplied = false;
        doneReported = false;
        expectedAnnouncements = 0;
        heard.clear();
        hasOutput = false;
        tokens = 0;
        reported.clear();
        promptTokens = 0;
    }

    /**
     * The agent said DONE, every chunk up to END has been applied, and every announcement the END
     * counted has been heard: statuses, chunks and bus messages travel on different topics, and a
     * task must not end (and a -provide task be planned) before what it announced arrives.
     */
    public boolean outputComplete() {
        return doneReported && endApplied && held.isEmpty() && heard.size() >= expectedAnnouncements;
    }

    public static Map<String, TaskState> newTaskMap() {
        return new LinkedHashMap<>();
    }
}
