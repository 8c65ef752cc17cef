package io.streamgen.gateway.recent;

import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.gateway.publish.GenerationIds;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.RolledBack;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generations this gateway has seen on the events topic, whoever started them (the REST API,
 * the CLI, another gateway, a platform team's own producer): fed live by the event hub and, at
 * start-up, by a bounded read-back of the topic's recent history. Records may arrive in any order
 * (the read-back runs while live records come in, and may repeat some): a generation's records are
 * in one partition, so each field keeps the value of the highest offset that set it.
 * At most {@code capacity} generations are kept; the one that started first goes first.
 */
@ApplicationScoped
public class RecentGenerations {

    /** Characters of a prompt kept (the list shows a line of it; the full prompt is in the stream). */
    public static final int PROMPT_CHARS = 200;
    public static final Set<String> STATES = Set.of("running", "completed", "failed", "cancelled");

    private final int capacity;
    private final Map<String, Entry> entries = new HashMap<>();

    @Inject
    RecentGenerations(GatewayConfig config) {
        this(config.recent().capacity());
    }

    public RecentGenerations(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("streamgen.gateway.recent.capacity is 1 or more, got " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Takes what {@code record} says about its generation. */
    public void apply(HubRecord record) {
        GenerationEvent event = record.event();
        String id = record.generationId();
        long offset = record.position().offset();
        synchronized (entries) {
            Entry entry = entries.get(id);
            if (entry == null) {
                long started = event.getPayload() instanceof GenerationStarted s ? s.getRequestedAt().toEpochMilli()
                        : GenerationIds.timeOf(id).orElse(record.timestamp());
                entry = admit(id, Instant.ofEpochMilli(started));
                if (entry == null) {
                    return; // older than everything kept, with no room left
                }
            }
            entry.apply(event, offset);
        }
    }

    /** The newest first, at most {@code limit}; {@code state} null for all. */
    public List<GenerationSummary> list(int limit, String state) {
        List<GenerationSummary> all = new ArrayList<>();
        synchronized (entries) {
            for (Entry entry : entries.values()) {
                if (state == null || state.equals(entry.state)) {
                    all.add(entry.summary());
                }
            }
        }
        all.sort(Comparator.comparing(GenerationSummary::startedAt).reversed()
                .thenComparing(GenerationSummary::generationId));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /** The state ({@link #STATES}) of a generation kept here, if it is. */
    public Optional<String> state(String id) {
        synchronized (entries) {
            Entry entry = entries.get(id);
            return entry == null ? Optional.empty() : Optional.ofNullable(entry.state);
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private Entry admit(String id, Instant startedAt) {
        if (entries.size() >= capacity) {
            Entry oldest = entries.values().stream().min(Comparator.comparing((Entry e) -> e.startedAt)).orElseThrow();
            if (startedAt.isBefore(oldest.startedAt)) {
                return null;
            }
            entries.remove(oldest.id);
        }
        Entry entry = new Entry(id, startedAt);
        entries.put(id, entry);
        return entry;
    }

    static String cut(String prompt) {
        if (prompt.length() <= PROMPT_CHARS) {
            return prompt;
        }
        int end = PROMPT_CHARS;
        if (Character.isHighSurrogate(prompt.charAt(end - 1))) {
            end--;
        }
        return prompt.substring(0, end) + "…";
    }

    private static final class Entry {

        final String id;
        Instant startedAt;
        String prompt;
        String requestedBy;
        String state = "running";
        long stateOffset = -1;
        String phase;
        long phaseOffset = -1;
        double progress;
        Instant updatedAt;
        long lastOffset = -1;

        Entry(String id, Instant startedAt) {
            this.id = id;
            this.startedAt = startedAt;
        }

        void apply(GenerationEvent event, long offset) {
            Object payload = event.getPayload();
            if (payload instanceof GenerationStarted started) {
                prompt = cut(started.getPrompt());
                requestedBy = started.getRequestedBy();
                startedAt = started.getRequestedAt();
                state(offset, "running");
            } else if (payload instanceof PhaseChanged changed) {
                phase(offset, changed.getPhase().name());
            } else if (payload instanceof GenerationCompleted) {
                state(offset, "completed");
            } else if (payload instanceof GenerationFailed failed) {
                state(offset, failed.getCancelled() ? "cancelled" : "failed");
                if (failed.getPhase() != null) {
                    phase(offset, failed.getPhase().name());
                }
            } else if (payload instanceof RolledBack rolledBack) {
                state(offset, "running"); // it runs again from the checkpoint
                phase(offset, (rolledBack.getRerunFrom() != null ? rolledBack.getRerunFrom() : rolledBack.getPhase()).name());
            }
            if (offset > lastOffset) {
                lastOffset = offset;
                progress = event.getProgress();
                updatedAt = event.getAt();
            }
        }

        private void state(long offset, String value) {
            if (offset > stateOffset) {
                stateOffset = offset;
                state = value;
            }
        }

        private void phase(long offset, String value) {
            if (offset > phaseOffset) {
                phaseOffset = offset;
                phase = value;
            }
        }

        GenerationSummary summary() {
            return new GenerationSummary(id, prompt, requestedBy, startedAt, state, phase, progress, updatedAt);
        }
    }
}
