package io.streamgen.coordinator.state;

import io.streamgen.schema.Role;
import java.util.TreeMap;

/**
 * What a generation's analytics count while it runs (DESIGN §5 "bounded records": a fixed set of
 * counters and at most {@link #MAX_USAGE} role and model pairs, so the state stays small however
 * many models a failover list tries).
 */
public class AnalyticsTally {

    /** Role and model pairs kept apart; beyond them, a role's further models count as {@link #OTHER_MODEL}. */
    public static final int MAX_USAGE = 32;
    public static final String OTHER_MODEL = "other";

    /** Tokens, chunks and prompt tokens of one role's work on one model. */
    public static class Usage {
        public Role role;
        public String model;
        public long tokens;
        public long chunks;
        public long promptTokens;

        public Usage() {
        }

        Usage(Role role, String model) {
            this.role = role;
            this.model = model;
        }
    }

    /** "ROLE model" → usage, in a stable order. */
    public TreeMap<String, Usage> usage = new TreeMap<>();
    /** Record time of the first chunk applied; -1 before it. */
    public long firstChunkAt = -1;
    /** Record time the generation ended (its analytics were emitted); -1 while it runs. */
    public long endedAt = -1;
    public int cacheHits;
    public int retries;
    public int modelChanges;
    public long promptTokensSaved;

    /** The usage entry of {@code role} on {@code model}, created within the bound. */
    public Usage usage(Role role, String model) {
        String name = model == null || model.isEmpty() ? "default" : model;
        Usage found = usage.get(role.name() + " " + name);
        if (found != null) {
            return found;
        }
        String kept = usage.size() < MAX_USAGE ? name : OTHER_MODEL;
        return usage.computeIfAbsent(role.name() + " " + kept, key -> new Usage(role, kept));
    }
}
