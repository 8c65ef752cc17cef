package io.streamgen.bench.stack;

import io.streamgen.schema.Role;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.serde.GenerationEventDeserializer;
import io.streamgen.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where POST → first draft goes: two readers in the harness (one {@code read_uncommitted}, which
 * sees a record when the broker appends it; one {@code read_committed}, which sees it when its
 * transaction commits, as the agents and the gateway do) note when the first record of one
 * generation arrives on each hop: its request, its first task, its first agent status, the first
 * chunk, the first {@code DraftChunk} event. Both readers poll in one thread, so the times are
 * comparable; each is a fetch's wake-up later than the append, a millisecond or two on loopback.
 */
final class HopClock implements AutoCloseable {

    /** The steps, in the order a first draft crosses them. */
    static final List<String> STEPS = List.of("request appended", "task appended", "task visible (committed)",
            "agent started (status appended)", "first chunk appended", "draft appended", "draft visible (committed)",
            "draft at the SSE client");

    private final KafkaConsumer<byte[], byte[]> uncommitted;
    private final KafkaConsumer<byte[], byte[]> committed;
    private final GenerationEventDeserializer events = new GenerationEventDeserializer();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final List<Seen> timeline = new ArrayList<>();
    private volatile long watchedSince;
    private final Thread poller;
    private volatile byte[] key = new byte[0];
    private volatile boolean running = true;

    HopClock(Admin admin, String bootstrap) throws Exception {
        List<String> topics = new ArrayList<>(List.of(Topics.REQUESTS.name(), Topics.CHUNKS.name(), Topics.EVENTS.name(),
                Topics.STATUS.name(), Topics.BUS.name()));
        for (Role role : Role.values()) {
            topics.add(Topics.tasks(role).name());
        }
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
                .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        uncommitted = reader(bootstrap, "read_uncommitted", partitions);
        committed = reader(bootstrap, "read_committed", partitions);
        poller = new Thread(this::poll, "hop-clock");
        poller.setDaemon(true);
        poller.start();
    }

    private static KafkaConsumer<byte[], byte[]> reader(String bootstrap, String isolation, List<TopicPartition> partitions) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, not at the first poll
        return consumer;
    }

    /** Starts timing one generation (by its key); the times before are forgotten. */
    void watch(String generationId) {
        seen.clear();
        synchronized (timeline) {
            timeline.clear();
        }
        watchedSince = System.nanoTime();
        key = generationId.getBytes(StandardCharsets.UTF_8);
    }

    /** Nanos (System.nanoTime) at which each step was seen for the watched generation, in step order. */
    Map<String, Long> times() {
        Map<String, Long> times = new LinkedHashMap<>();
        STEPS.forEach(step -> {
            Long at = seen.get(step);
            if (at != null) {
                times.put(step, at);
            }
        });
        return times;
    }

    private void poll() {
        while (running) {
            try {
                note(uncommitted, false);
                note(committed, true);
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            }
        }
    }

    private void note(KafkaConsumer<byte[], byte[]> consumer, boolean isCommitted) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1))) {
            long now = System.nanoTime();
            if (!Arrays.equals(r.key(), key)) {
                continue;
            }
            String topic = r.topic();
            String payload = topic.equals(Topics.EVENTS.name()) ? payloadName(r) : "";
            if (!isCommitted) {
                note(topic.substring(Topics.PREFIX.length()) + " " + payload, now);
            }
            if (topic.equals(Topics.REQUESTS.name()) && !isCommitted) {
                seen.putIfAbsent("request appended", now);
            } else if (topic.startsWith(Topics.PREFIX + "tasks.")) {
                seen.putIfAbsent(isCommitted ? "task visible (committed)" : "task appended", now);
            } else if (topic.equals(Topics.STATUS.name()) && !isCommitted) {
                // an agent publishes STARTED once it has built the prompt, just before it calls its model:
                // up to here is the agent's intake, after it the model's first statement
                seen.putIfAbsent("agent started (status appended)", now);
            } else if (topic.equals(Topics.CHUNKS.name()) && !isCommitted) {
                seen.putIfAbsent("first chunk appended", now);
            } else if (payload.equals(DraftChunk.class.getSimpleName())) {
                seen.putIfAbsent(isCommitted ? "draft visible (committed)" : "draft appended", now);
            }
        }
    }

    /**
     * The watched generation's records as the {@code read_uncommitted} reader saw them, from
     * {@link #watch}: time, topic and (on the events topic) what the record is; a run of the same kind is one line
     * with its count. The first {@value #TIMELINE_LIMIT} lines.
     */
    List<String> timeline() {
        synchronized (timeline) {
            return timeline.stream().map(t -> String.format(java.util.Locale.ROOT, "%8.1f ms  %s%s",
                    (t.first() - watchedSince) / 1e6, t.what(), t.count() == 1 ? ""
                            : String.format(java.util.Locale.ROOT, " × %d (to %.1f ms)", t.count(),
                                    (t.last() - watchedSince) / 1e6))).toList();
        }
    }

    private static final int TIMELINE_LIMIT = 200;

    /** Adds a record to the timeline, or counts it into the line before when it is the same kind of record. */
    private void note(String what, long now) {
        synchronized (timeline) {
            int last = timeline.size() - 1;
            if (last >= 0 && timeline.get(last).what().equals(what)) {
                timeline.set(last, timeline.get(last).oneMore(now));
            } else if (timeline.size() < TIMELINE_LIMIT) {
                timeline.add(new Seen(what, now, now, 1));
            }
        }
    }

    private record Seen(String what, long first, long last, int count) {

        Seen oneMore(long at) {
            return new Seen(what, first, at, count + 1);
        }
    }

    /** What an events-topic record carries (its payload's record name), once per record seen. */
    private String payloadName(ConsumerRecord<byte[], byte[]> r) {
        try {
            return events.deserialize(r.topic(), r.value()).getPayload().getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "(undecodable)";
        }
    }

    /** Records the client's own time of the first draft, the last step. */
    void clientSawDraft(long nanos) {
        seen.putIfAbsent("draft at the SSE client", nanos);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        uncommitted.wakeup();
        committed.wakeup();
        poller.join(5_000);
        uncommitted.close();
        committed.close();
    }
}
