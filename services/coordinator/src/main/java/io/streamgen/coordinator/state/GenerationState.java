package io.streamgen.coordinator.state;

import io.streamgen.schema.ContextKind;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The per-generation state machine's memory (DESIGN §5). Persisted as JSON in the generations store. */
public class GenerationState {

    /** A signature, contract or component an agent announced, handed to later tasks as context. */
    public static class ContextItem {
        public ContextKind kind;
        public String name;
        public String text;

        public ContextItem() {
        }

        public ContextItem(ContextKind kind, String name, String text) {
            this.kind = kind;
            this.name = name;
            this.text = text;
        }
    }

    public String generationId;
    public GenerationStatus status = GenerationStatus.RUNNING;
    public List<Phase> phases = new ArrayList<>();
    public int phaseIndex;
    public long startedAt;
    public long phaseStartedAt;
    public Map<Phase, Long> phaseMillis = new EnumMap<>(Phase.class);
    public LinkedHashMap<String, TaskState> tasks = new LinkedHashMap<>();
    /** Highest attempt ever issued per task id, so that re-runs after a rollback supersede old output. */
    public Map<String, Integer> attempts = new TreeMap<>();
    /**
     * path → the version a deleted file had reached: a file created again at that path goes on from
     * there, so that (path, version) never names two contents (a viewer keys its state by it).
     */
    public Map<String, Integer> retiredVersions = new TreeMap<>();
    public LinkedHashMap<String, Requirement> requirements = new LinkedHashMap<>();
    public LinkedHashMap<String, ContextItem> context = new LinkedHashMap<>();
    public boolean pausedAll;
    public Set<Role> pausedRoles = EnumSet.noneOf(Role.class);
    /** Steering text per role name, "*" for every role; added to the instructions of later tasks. */
    public Map<String, String> steering = new TreeMap<>();
    /** The stored size of all its files: what the per-generation limit counts. */
    public long bytes;
    public int conflicts;
    public long chunks;
    public Map<Role, Long> tokensByRole = new EnumMap<>(Role.class);
    public Map<Role, Double> tokensPerSecondByRole = new EnumMap<>(Role.class);
    public long statementsSinceCheckpoint;
    public int lastCheckpointId;
    /** checkpoint id → index in {@link #phases} to run again after rolling back to it. */
    public Map<Integer, Integer> rerunFrom = new TreeMap<>();
    public LinkedHashSet<String> appliedInterventions = new LinkedHashSet<>();
    /** Recent chunk latencies (ms) for the metrics snapshot; bounded. */
    public List<Long> latencies = new ArrayList<>();
    /** What the generation's analytics count as it runs. */
    public AnalyticsTally analytics = new AnalyticsTally();
    /** Per role with a speed floor: its speed and the model its later tasks get. */
    public Map<Role, SpeedWatch> speed = new EnumMap<>(Role.class);

    /**
     * While a generation re-derived from another's checkpoint waits for that checkpoint's files
     * (see {@link SeedMessage}): which one, and how many files came; null otherwise.
     */
    public Seeding seeding;

    /** The checkpoint a re-derived generation is seeded from, while its files arrive. */
    public static class Seeding {
        public String sourceId;
        public int checkpointId;
        public int filesApplied;

        public Seeding() {
        }

        public Seeding(String sourceId, int checkpointId) {
            this.sourceId = sourceId;
            this.checkpointId = checkpointId;
        }
    }

    public Optional<Phase> currentPhase() {
        return phaseIndex < phases.size() ? Optional.of(phases.get(phaseIndex)) : Optional.empty();
    }

    public List<TaskState> tasksOf(Phase phase) {
        return tasks.values().stream().filter(t -> t.phase == phase).toList();
    }

    public boolean paused(Role role) {
        return pausedAll || pausedRoles.contains(role);
    }

    public double progress() {
        if (status == GenerationStatus.COMPLETED || phases.isEmpty()) {
            return status == GenerationStatus.COMPLETED ? 1.0 : 0.0;
        }
        double within = currentPhase().map(phase -> {
            List<TaskState> inPhase = tasksOf(phase);
            return inPhase.isEmpty() ? 0.0
                    : (double) inPhase.stream().filter(t -> t.stage.finished()).count() / inPhase.size();
        }).orElse(0.0);
        return Math.min(1.0, (Math.min(phaseIndex, phases.size()) + within) / phases.size());
    }
}
