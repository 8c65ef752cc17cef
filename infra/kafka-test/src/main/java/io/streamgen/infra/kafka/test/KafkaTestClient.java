package io.streamgen.infra.kafka.test;

import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produce and read catalogue records in tests. Reads assign every partition from the beginning
 * without a consumer group, so tests leave no committed offsets behind; every wait is bounded.
 */
public final class KafkaTestClient {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends one record and waits until the broker acknowledged it. */
    public <V extends SpecificRecord> RecordMetadata produce(Topic<V> topic, String key, V value) {
        return send(topic.name(), key, value, new StringSerializer(), new AvroSerializer<>());
    }

    /** Sends raw bytes, e.g. a poison record for a dead-letter test. */
    public RecordMetadata produceRaw(Topic<?> topic, String key, byte[] value) {
        return send(topic.name(), key, value, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Reads {@code topic} from the beginning until {@code expected} records match {@code filter},
     * failing after {@code within}. Returns the matching records in partition order.
     */
    public <V extends SpecificRecord> List<ConsumerRecord<String, V>> await(Topic<V> topic,
            Predicate<ConsumerRecord<String, V>> filter, int expected, Duration within) {
        return read(topic.name(), new AvroDeserializer<>(topic.valueType()), filter, expected, within);
    }

    /** Every record of one generation (key) on {@code topic}, waiting for at least {@code expected}. */
    public <V extends SpecificRecord> List<V> awaitValues(Topic<V> topic, String generationId, int expected) {
        return await(topic, r -> generationId.equals(r.key()), expected, DEFAULT_WAIT).stream()
                .map(ConsumerRecord::value).toList();
    }

    /**
     * Reads {@code topic} from the beginning, collecting the values that match {@code filter}, until
     * one of them satisfies {@code last}; fails after {@code within}. For "everything of this task
     * up to its END chunk".
     */
    public <V extends SpecificRecord> List<V> awaitThrough(Topic<V> topic, Predicate<ConsumerRecord<String, V>> filter,
            Predicate<V> last, Duration within) {
        List<V> values = new ArrayList<>();
        boolean[] done = {false};
        read(topic.name(), new AvroDeserializer<>(topic.valueType()), record -> {
            if (done[0] || !filter.test(record)) {
                return false;
            }
            values.add(record.value());
            done[0] = last.test(record.value());
            return done[0];
        }, 1, within);
        return values;
    }

    /** Like {@link #await} but without decoding: for dead letters and foreign bytes. */
    public List<ConsumerRecord<String, byte[]>> awaitRaw(Topic<?> topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            int expected, Duration within) {
        return read(topic.name(), new ByteArrayDeserializer(), filter, expected, within);
    }

    private <K, V> RecordMetadata send(String topic, K key, V value, Serializer<K> keys, Serializer<V> values) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keys, values)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic + " on " + bootstrapServers, e);
        }
    }

    /**
     * Reads raw records and decodes each with {@code values}; bytes that do not decode (another
     * test's poison record, say) are skipped, since they cannot be what a typed read looks for.
     */
    private <V> List<ConsumerRecord<String, V>> read(String topic, Deserializer<V> values,
            Predicate<ConsumerRecord<String, V>> filter, int expected, Duration within) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> matched = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, within).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (matched.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
                    V value;
                    try {
                        value = values.deserialize(topic, raw.value());
                    } catch (UndecodableRecordException foreign) {
                        continue;
                    }
                    ConsumerRecord<String, V> record = new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(),
                            raw.timestamp(), raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(),
                            raw.key(), value, raw.headers(), raw.leaderEpoch());
                    if (filter.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        if (matched.size() < expected) {
            throw new AssertionError("expected " + expected + " matching records on " + topic + " within " + within
                    + ", got " + matched.size());
        }
        return matched;
    }
}
