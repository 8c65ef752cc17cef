package io.streamgen.agent.runtime;

import io.smallrye.common.annotation.Identifier;
import io.streamgen.messaging.KafkaLogin;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Derivation;
import io.streamgen.schema.serde.CodeChunkDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The chunks a source generation's task published, read back from {@code streamgen.chunks} for
 * a re-derivation: they are keyed by generation id, so all of them are in one partition, from the
 * source's start (less a minute of clock slack) to the partition's end as it is now. Bounded by
 * {@link #READ_LIMIT}; older than the topic's retention (7 days) there is nothing to read.
 */
@ApplicationScoped
public class SourceChunks {

    static final Duration READ_LIMIT = Duration.ofSeconds(30);
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    /** Logs in as the channels do (a locked-down broker: the agent's own principal). */
    @Inject
    @Identifier(KafkaLogin.DEFAULT_KAFKA_BROKER)
    Map<String, Object> kafkaDefaults;

    private KafkaConsumer<String, byte[]> consumer;
    private final CodeChunkDeserializer chunks = new CodeChunkDeserializer();

    /** Every chunk of the source's task with the same id and role as {@code task}, any attempt. */
    public synchronized List<CodeChunk> of(AgentTask task) {
        Derivation source = task.getDerivedFrom();
        String sourceId = source.getSourceGenerationId();
        KafkaConsumer<String, byte[]> reader = consumer();
        int count = reader.partitionsFor(Topics.CHUNKS.name(), READ_LIMIT).size();
        byte[] key = sourceId.getBytes(StandardCharsets.UTF_8);
        // the producers' default partitioner: the generation's chunks are all here
        TopicPartition partition = new TopicPartition(Topics.CHUNKS.name(), Utils.toPositive(Utils.murmur2(key)) % count);
        reader.assign(List.of(partition));
        long from = source.getSourceStartedAt() == null ? 0
                : Math.max(0, source.getSourceStartedAt().minus(CLOCK_SLACK).toEpochMilli());
        Map<TopicPartition, OffsetAndTimestamp> start = reader.offsetsForTimes(Map.of(partition, from), READ_LIMIT);
        long end = reader.endOffsets(List.of(partition), READ_LIMIT).get(partition);
        List<CodeChunk> found = new ArrayList<>();
        if (start.get(partition) == null) {
            return found;
        }
        reader.seek(partition, start.get(partition).offset());
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (reader.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the chunks of " + sourceId + " were not read within " + READ_LIMIT);
            }
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                if (sourceId.equals(record.key())) {
                    CodeChunk chunk = decode(record);
                    if (chunk != null && chunk.getTaskId().equals(task.getTaskId()) && chunk.getRole() == task.getRole()) {
                        found.add(chunk);
                    }
                }
            }
        }
        return found;
    }

    private CodeChunk decode(ConsumerRecord<String, byte[]> record) {
        try {
            return chunks.deserialize(record.topic(), record.value());
        } catch (UndecodableRecordException e) {
            return null; // it went to the dead-letter topic when the coordinator read it
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> settings = new HashMap<>(KafkaLogin.of(kafkaDefaults));
            settings.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES));
            consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
