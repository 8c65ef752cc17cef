package io.streamgen.e2e;

import io.streamgen.schema.AgentState;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.TaskStateChanged;
import io.streamgen.schema.serde.GenerationEventDeserializer;
import io.streamgen.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@code read_committed} consumer of the whole {@code streamgen.events} topic, live from its
 * first offset for as long as the test runs (through broker restarts: the client reconnects), as a
 * dashboard would read it; plus fresh replays of the topic after the run, and the per-generation
 * checks that say whether a viewer saw every event exactly once.
 *
 * <p>Events carry no sequence number of their own: a generation's events are identified by their
 * offsets on its partition and checked by what they say — one start, one end and last, phases and
 * checkpoints once each, each file's versions 1, 2, 3, … with no repeat and no hole, and each
 * version's content (its full text, or the previous version with its diff applied) matching the
 * event's SHA-256, so that an event lost or applied twice shows as a wrong digest.
 */
final class EventLedger implements AutoCloseable {

    /** One event as read: where it is, its bytes, what it says, and when (test's clock) it was seen. */
    record Rec(int partition, long offset, byte[] value, GenerationEvent event, long seenNanos) {
        boolean sameAs(Rec other) {
            return partition == other.partition && offset == other.offset && Arrays.equals(value, other.value);
        }

        String id() {
            return partition + "-" + offset;
        }
    }

    private final String bootstrapServers;
    private final Map<String, List<Rec>> byGeneration = new ConcurrentHashMap<>();
    private final Thread reader;
    private final List<String> undecodable = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile Throwable failure;

    EventLedger(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.reader = new Thread(this::readLive, "event-ledger");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    }

    private void readLive() {
        GenerationEventDeserializer deserializer = new GenerationEventDeserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    GenerationEvent event;
                    try {
                        event = deserializer.deserialize(record.topic(), record.value());
                    } catch (RuntimeException e) {
                        undecodable.add(record.partition() + "-" + record.offset() + " (key " + record.key() + "): " + e);
                        continue;
                    }
                    byGeneration.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                            .add(new Rec(record.partition(), record.offset(), record.value(), event, System.nanoTime()));
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // closing
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** The events of a generation read live so far. */
    List<Rec> events(String generationId) {
        assertReading();
        return List.copyOf(byGeneration.getOrDefault(generationId, List.of()));
    }

    /** Records of the topic that are not a GenerationEvent this build can read. */
    List<String> undecodable() {
        return List.copyOf(undecodable);
    }

    void assertReading() {
        if (failure != null) {
            throw new IllegalStateException("the events reader failed: " + failure, failure);
        }
    }

    /** Its end event (completed or failed), once read. */
    GenerationEvent end(String generationId) {
        for (Rec rec : events(generationId)) {
            if (ends(rec.event())) {
                return rec.event();
            }
        }
        return null;
    }

    boolean ended(String generationId) {
        return end(generationId) != null;
    }

    /** Whether some generation among {@code ids} has a task of {@code role} streaming (its latest state). */
    boolean streaming(Iterable<String> ids, Role role) {
        for (String id : ids) {
            Map<String, AgentState> latest = new HashMap<>();
            boolean ended = false;
            for (Rec rec : events(id)) {
                if (rec.event().getPayload() instanceof TaskStateChanged t && t.getRole() == role) {
                    latest.put(t.getTaskId(), t.getState());
                }
                ended |= ends(rec.event());
            }
            if (!ended && latest.containsValue(AgentState.STREAMING)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some generation among {@code ids} has merged a file and not ended: it is mid-way. */
    boolean midway(Iterable<String> ids) {
        for (String id : ids) {
            List<Rec> events = events(id);
            if (events.stream().anyMatch(r -> r.event().getPayload() instanceof FileChanged)
                    && events.stream().noneMatch(r -> ends(r.event()))) {
                return true;
            }
        }
        return false;
    }

    /** Every generation's events, read afresh from the first offset to the end of what is committed. */
    Map<String, List<Rec>> replay(Duration timeout) {
        GenerationEventDeserializer deserializer = new GenerationEventDeserializer();
        Map<String, List<Rec>> replayed = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the events topic was not replayed to its end " + end + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    replayed.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(new Rec(record.partition(),
                            record.offset(), record.value(), deserializer.deserialize(record.topic(), record.value()), 0));
                }
            }
        }
        return replayed;
    }

    static boolean ends(GenerationEvent event) {
        return event.getPayload() instanceof GenerationCompleted || event.getPayload() instanceof GenerationFailed;
    }

    /**
     * What is wrong with one generation's events as a viewer reads them; empty when each was seen
     * exactly once and nothing is missing. Returns the files as the events leave them (path → content).
     */
    static Map<String, String> check(String generationId, List<Rec> events, List<String> violations) {
        Map<String, String> files = new TreeMap<>();
        if (events.isEmpty()) {
            violations.add(generationId + ": no events");
            return files;
        }
        if (!(events.get(0).event().getPayload() instanceof GenerationStarted)) {
            violations.add(generationId + ": the first event is " + type(events.get(0)) + ", not GenerationStarted");
        }
        count(generationId, events, GenerationStarted.class::isInstance, "GenerationStarted", violations);
        count(generationId, events, p -> p instanceof GenerationCompleted || p instanceof GenerationFailed, "end event", violations);
        Rec last = events.get(events.size() - 1);
        if (!(last.event().getPayload() instanceof GenerationCompleted)) {
            violations.add(generationId + ": the last event is " + type(last)
                    + (last.event().getPayload() instanceof GenerationFailed f ? " (" + f.getReason() + ")" : "")
                    + ", not GenerationCompleted");
        }
        Set<String> phases = new HashSet<>();
        List<Integer> checkpoints = new ArrayList<>();
        Map<String, Integer> versions = new HashMap<>();
        Set<String> done = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        Rec previous = null;
        for (Rec rec : events) {
            if (previous != null && (rec.partition() != previous.partition() || rec.offset() <= previous.offset())) {
                violations.add(generationId + ": event " + rec.id() + " comes after " + previous.id());
            }
            previous = rec;
            Object payload = rec.event().getPayload();
            if (payload instanceof PhaseChanged p && !phases.add(p.getPhase() + " " + p.getState())) {
                violations.add(generationId + ": phase " + p.getPhase() + " " + p.getState() + " twice (" + rec.id() + ")");
            } else if (payload instanceof CheckpointTaken c) {
                checkpoints.add(c.getCheckpointId());
            } else if (payload instanceof TaskStateChanged t && t.getState() == AgentState.DONE
                    && !done.add(t.getTaskId() + "#" + t.getAttempt())) {
                violations.add(generationId + ": task " + t.getTaskId() + " attempt " + t.getAttempt() + " DONE twice (" + rec.id() + ")");
            } else if (payload instanceof FileChanged f) {
                int expected = versions.getOrDefault(f.getPath(), 0) + 1;
                if (ALLOW_VERSION_REUSE && f.getVersion() == 1 && f.getOp() == FileOp.CREATED && deleted.contains(f.getPath())) {
                    expected = 1; // tolerated on request: see ALLOW_VERSION_REUSE
                }
                if (f.getOp() == FileOp.DELETED) {
                    deleted.add(f.getPath());
                } else {
                    deleted.remove(f.getPath());
                }
                if (f.getVersion() != expected) {
                    violations.add(generationId + ": " + f.getPath() + " version " + f.getVersion() + " " + f.getOp()
                            + " where " + expected + " was due (" + rec.id() + (f.getVersion() < expected ? ": a repeat" : ": a gap")
                            + (f.getVersion() == 1 && deletedBefore(events, rec, f.getPath())
                                    ? ", after the DELETED that withdrew a superseded attempt's file)" : ")"));
                }
                versions.put(f.getPath(), f.getVersion());
                String before = files.getOrDefault(f.getPath(), "");
                String after;
                if (f.getOp() == FileOp.DELETED) {
                    files.remove(f.getPath());
                    continue;
                } else if (f.getContent() != null) {
                    after = f.getContent();
                } else {
                    try {
                        after = UnifiedPatch.apply(before, f.getDiff());
                    } catch (IllegalArgumentException e) {
                        violations.add(generationId + ": the diff of " + f.getPath() + " v" + f.getVersion() + " (" + rec.id()
                                + ") does not apply to v" + (f.getVersion() - 1) + ": " + e.getMessage());
                        after = before;
                    }
                }
                if (!sha256(after).equals(f.getSha256())) {
                    violations.add(generationId + ": " + f.getPath() + " v" + f.getVersion() + " (" + rec.id()
                            + ") read in order does not have the event's SHA-256: an event lost or applied twice");
                }
                files.put(f.getPath(), after);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= checkpoints.size(); i++) {
            expected.add(i);
        }
        if (!checkpoints.equals(expected)) {
            violations.add(generationId + ": checkpoints " + checkpoints + ", not " + expected);
        }
        if (last.event().getPayload() instanceof GenerationCompleted completed
                && !new TreeMap<>(files).keySet().equals(new java.util.TreeSet<>(completed.getFiles()))) {
            violations.add(generationId + ": the FileChanged events leave " + files.keySet() + ", the completion names "
                    + completed.getFiles());
        }
        return files;
    }

    /**
     * {@code -Dstreamgen.fault.allow-version-reuse=true} accepts a file's versions starting again at 1
     * when it is created again after a DELETED (what the coordinator does today when it withdraws a
     * superseded attempt's file, see e2e/README.md), to see what else a run finds; off by default.
     */
    static final boolean ALLOW_VERSION_REUSE = Boolean.getBoolean("streamgen.fault.allow-version-reuse");

    private static boolean deletedBefore(List<Rec> events, Rec at, String path) {
        for (Rec rec : events) {
            if (rec == at) {
                return false;
            }
            if (rec.event().getPayload() instanceof FileChanged f && f.getPath().equals(path) && f.getOp() == FileOp.DELETED) {
                return true;
            }
        }
        return false;
    }

    private static void count(String generationId, List<Rec> events, Predicate<Object> which, String what,
                              List<String> violations) {
        long n = events.stream().filter(r -> which.test(r.event().getPayload())).count();
        if (n != 1) {
            violations.add(generationId + ": " + n + " × " + what + ", not 1");
        }
    }

    /** Whether two reads of a generation are the same records: offsets and bytes. */
    static boolean same(List<Rec> a, List<Rec> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static String type(Rec rec) {
        return rec.event().getPayload().getClass().getSimpleName();
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join(10_000);
        if (reader.isAlive()) {
            reader.interrupt();
            reader.join(5_000);
        }
    }
}
