package io.streamgen.schema.topic;

import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CachedAnswer;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.DeadLetter;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.AvroTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topic catalogue (DESIGN §2): the only place that spells a topic name.
 *
 * <p>Every record is keyed by its generation id so that everything about one generation lives in
 * one partition, in order. The exception is {@link #CHECKPOINTS}: it is compacted, so its key is
 * {@code <generationId>/<checkpointId>} (see {@link #checkpointKey}) to keep every checkpoint; and
 * {@link #CACHE}, keyed by the cache key.
 */
public final class Topics {

    public static final String PREFIX = "streamgen.";

    /**
     * The coordinator joins requests, chunks, status, bus and control, so they must share one
     * partition count; tasks and events use it too so that a generation's records line up.
     */
    public static final int DEFAULT_PARTITIONS = 6;

    public static final int DLQ_PARTITIONS = 3;

    /**
     * The largest record any streamgen topic (and the coordinator's changelogs) accepts: every
     * topic's {@code max.message.bytes} and every producer's {@code max.request.size}. The
     * coordinator bounds what it writes by one file (its per-file limit, 1 MiB by default, needs
     * about 3 × that per record) and refuses to start with a file limit these records cannot carry.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** The topic-level setting that carries {@link #MAX_MESSAGE_BYTES}. */
    public static final String MAX_MESSAGE_BYTES_CONFIG = "max.message.bytes";

    static {
        // every service touches the catalogue before it builds a record
        AvroTrust.install();
    }

    private static final Map<String, String> SEVEN_DAYS = delete(Duration.ofDays(7));

    public static final Topic<GenerationRequested> REQUESTS =
            new Topic<>(PREFIX + "requests", GenerationRequested.class, DEFAULT_PARTITIONS, SEVEN_DAYS);
    public static final Topic<CodeChunk> CHUNKS =
            new Topic<>(PREFIX + "chunks", CodeChunk.class, DEFAULT_PARTITIONS, SEVEN_DAYS);
    public static final Topic<AgentStatus> STATUS =
            new Topic<>(PREFIX + "status", AgentStatus.class, DEFAULT_PARTITIONS, SEVEN_DAYS);
    public static final Topic<AgentMessage> BUS =
            new Topic<>(PREFIX + "bus", AgentMessage.class, DEFAULT_PARTITIONS, SEVEN_DAYS);
    public static final Topic<Intervention> CONTROL =
            new Topic<>(PREFIX + "control", Intervention.class, DEFAULT_PARTITIONS, SEVEN_DAYS);
    /** The merged topic; its retention is the replay window. */
    public static final Topic<GenerationEvent> EVENTS =
            new Topic<>(PREFIX + "events", GenerationEvent.class, DEFAULT_PARTITIONS, SEVEN_DAYS);
    public static final Topic<Checkpoint> CHECKPOINTS = new Topic<>(PREFIX + "checkpoints", Checkpoint.class,
            DEFAULT_PARTITIONS, Map.of("cleanup.policy", "compact",
                    MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
    /**
     * The response cache (DESIGN §6), shared by every agent instance: compacted by its key (a hash
     * of model, prompt and context, see {@link io.streamgen.schema.CacheProvenance#getKey}) and
     * also deleted after 30 days, so an entry lives at most that long; one partition is plenty
     * (each instance reads all of it into memory at start).
     */
    public static final Topic<CachedAnswer> CACHE = new Topic<>(PREFIX + "cache", CachedAnswer.class, 1,
            Map.of("cleanup.policy", "compact,delete", "retention.ms", Long.toString(Duration.ofDays(30).toMillis()),
                    MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
    public static final Topic<DeadLetter> DLQ = new Topic<>(PREFIX + "dlq", DeadLetter.class, DLQ_PARTITIONS,
            delete(Duration.ofDays(14)));

    private static final Map<Role, Topic<AgentTask>> TASKS = tasksByRole();

    private static final List<Topic<?>> ALL = catalogue();

    private Topics() {
    }

    /** {@code streamgen.tasks.<role>}: the work queue of one role (one consumer group per role). */
    public static Topic<AgentTask> tasks(Role role) {
        return TASKS.get(role);
    }

    /** Every topic, in a stable order. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The topics the coordinator processes together: same partition count, same key. */
    public static List<Topic<?>> coPartitioned() {
        return List.of(REQUESTS, CHUNKS, STATUS, BUS, CONTROL);
    }

    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The distinct record types carried as topic values: the records whose schemas we ship. */
    public static List<Class<? extends SpecificRecord>> valueTypes() {
        return ALL.stream().<Class<? extends SpecificRecord>>map(Topic::valueType).distinct().toList();
    }

    /** The key of a record on {@link #CHECKPOINTS}. */
    public static String checkpointKey(String generationId, int checkpointId) {
        return generationId + "/" + checkpointId;
    }

    private static Map<Role, Topic<AgentTask>> tasksByRole() {
        Map<Role, Topic<AgentTask>> tasks = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            tasks.put(role, new Topic<>(PREFIX + "tasks." + role.name().toLowerCase(Locale.ROOT),
                    AgentTask.class, DEFAULT_PARTITIONS, SEVEN_DAYS));
        }
        return Collections.unmodifiableMap(tasks);
    }

    private static List<Topic<?>> catalogue() {
        List<Topic<?>> all = new ArrayList<>(List.of(REQUESTS));
        Arrays.stream(Role.values()).map(Topics::tasks).forEach(all::add);
        all.addAll(List.of(CHUNKS, STATUS, BUS, CONTROL, EVENTS, CHECKPOINTS, CACHE, DLQ));
        return List.copyOf(all);
    }

    private static Map<String, String> delete(Duration retention) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()),
                MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
    }
}
