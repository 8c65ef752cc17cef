package io.streamgen.agent.runtime;

import io.smallrye.common.annotation.Identifier;
import io.streamgen.messaging.KafkaLogin;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * What one generation wrote to a topic, read back: every record is keyed by generation id, so all
 * of them are in the one partition the producers' default partitioner chose, and the read is that
 * partition from a time to its end as it is now, bounded by a time limit. One plain consumer
 * (read-committed, no group), logged in as the channels are; one reader at a time. Dependent: each
 * bean that reads gets its own consumer, so that one slow read never holds up another kind.
 */
@Dependent
public class GenerationRecords {

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    /** Logs in as the channels do (a locked-down broker: the agent's own principal). */
    @Inject
    @Identifier(KafkaLogin.DEFAULT_KAFKA_BROKER)
    Map<String, Object> kafkaDefaults;

    private KafkaConsumer<String, byte[]> consumer;

    /**
     * Hands the value of each of {@code generationId}'s records on {@code topic} at or after
     * {@code fromMillis} to {@code each}, in order; true when it read to the end within
     * {@code limit}, false when the limit cut it short.
     */
    synchronized boolean read(String topic, String generationId, long fromMillis, Duration limit, Consumer<byte[]> each) {
        KafkaConsumer<String, byte[]> reader = consumer();
        int count = reader.partitionsFor(topic, limit).size();
        byte[] key = generationId.getBytes(StandardCharsets.UTF_8);
        TopicPartition partition = new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % count);
        reader.assign(List.of(partition));
        Map<TopicPartition, OffsetAndTimestamp> start = reader.offsetsForTimes(Map.of(partition, Math.max(0, fromMillis)), limit);
        long end = reader.endOffsets(List.of(partition), limit).get(partition);
        if (start.get(partition) == null) {
            return true; // nothing that recent
        }
        reader.seek(partition, start.get(partition).offset());
        long deadline = System.nanoTime() + limit.toNanos();
        while (reader.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                if (record.offset() < end && generationId.equals(record.key())) {
                    each.accept(record.value());
                }
            }
        }
        return true;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> settings = new HashMap<>(KafkaLogin.of(kafkaDefaults));
            settings.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, io.streamgen.schema.topic.Topics.MAX_MESSAGE_BYTES));
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
