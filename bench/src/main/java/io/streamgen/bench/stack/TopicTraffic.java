package io.streamgen.bench.stack;

import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.serde.CodeChunkDeserializer;
import io.streamgen.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What streamgen's own topics carried during a measurement: every topic's end offsets before and
 * after; the records and bytes (key + value) of the topics that matter to the ceiling, read
 * {@code read_committed} between those offsets; and, on the chunks topic, the tokens the agents
 * produced for the measured generations.
 */
final class TopicTraffic {

    /** Agents write these (the first hop); the coordinator writes the events topic (the second). */
    static final List<String> AGENT_TOPICS = List.of(Topics.CHUNKS.name(), Topics.STATUS.name(), Topics.BUS.name());
    static final String EVENTS = Topics.EVENTS.name();

    private final Admin admin;
    private final String bootstrap;

    TopicTraffic(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    Admin admin() {
        return admin;
    }

    /** The end offset of every partition of every topic but Kafka's own. */
    Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /** Offsets per topic between two snapshots (transaction markers included: they take an offset each). */
    static Map<String, Long> offsetDeltas(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        Map<String, Long> deltas = new java.util.TreeMap<>();
        after.forEach((tp, end) -> deltas.merge(tp.topic(), end - before.getOrDefault(tp, 0L), Long::sum));
        deltas.values().removeIf(d -> d == 0);
        return deltas;
    }

    /** Records, bytes and (on the chunks topic) the measured generations' tokens between two snapshots. */
    Traffic read(Collection<String> topics, Map<TopicPartition, Long> before, Map<TopicPartition, Long> after,
            Set<String> generationIds, Duration timeout) throws TimeoutException {
        Map<String, Traffic.TopicCount> counts = new LinkedHashMap<>();
        long producedTokens = 0;
        long producedChunks = 0;
        Deadline deadline = Deadline.in(timeout);
        CodeChunkDeserializer chunks = new CodeChunkDeserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = new ArrayList<>();
                after.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(partitions::add);
                consumer.assign(partitions);
                Map<TopicPartition, Long> remaining = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    long from = before.getOrDefault(tp, 0L);
                    consumer.seek(tp, from);
                    if (after.get(tp) > from) {
                        remaining.put(tp, after.get(tp));
                    }
                }
                long records = 0;
                long bytes = 0;
                while (!remaining.isEmpty()) {
                    deadline.check("reading " + topic + " between " + before.size() + " offsets, " + remaining.size()
                            + " partitions left");
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        Long end = remaining.get(tp);
                        if (end == null || record.offset() >= end) {
                            continue;
                        }
                        records++;
                        bytes += (record.key() == null ? 0 : record.key().length)
                                + (record.value() == null ? 0 : record.value().length);
                        if (topic.equals(Topics.CHUNKS.name()) && record.value() != null) {
                            CodeChunk chunk = chunks.deserialize(topic, record.value());
                            if (generationIds.contains(chunk.getGenerationId()) && chunk.getOp() != ChunkOp.END) {
                                producedTokens += chunk.getTokenCount();
                                producedChunks++;
                            }
                        }
                    }
                    // read_committed positions pass over transaction markers and aborted records
                    remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                }
                counts.put(topic, new Traffic.TopicCount(records, bytes));
            }
        }
        return new Traffic(counts, offsetDeltas(before, after), producedTokens, producedChunks);
    }

    /**
     * @param read           records and bytes of the topics read, per topic
     * @param offsets        offsets taken per topic (every topic, internal ones included)
     * @param producedTokens tokens of the measured generations' chunks (END excluded), as the agents counted them
     */
    record Traffic(Map<String, TopicCount> read, Map<String, Long> offsets, long producedTokens, long producedChunks) {

        record TopicCount(long records, long bytes) {
        }

        /** Records and bytes of the agents' topics (the first hop). */
        TopicCount agents() {
            return sum(AGENT_TOPICS);
        }

        /** Records and bytes of the events topic (the second hop). */
        TopicCount events() {
            return sum(List.of(EVENTS));
        }

        private TopicCount sum(List<String> topics) {
            long records = 0;
            long bytes = 0;
            for (String topic : topics) {
                TopicCount c = read.get(topic);
                if (c != null) {
                    records += c.records();
                    bytes += c.bytes();
                }
            }
            return new TopicCount(records, bytes);
        }
    }
}
