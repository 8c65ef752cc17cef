package io.streamgen.cli;

import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.serde.GenerationEventDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Talks to streamgen the way a platform team's own code would: produces requests and interventions
 * straight to their topics and reads a generation's events from the merged topic (only its
 * partition, from the time it was requested; {@code read_committed}, so only what the coordinator
 * committed).
 */
public final class KafkaGenerations {

    /** One event with its position: {@code <partition>-<offset>} is its id everywhere. */
    public record Event(int partition, long offset, GenerationEvent event) {
        public String id() {
            return partition + "-" + offset;
        }

        public String type() {
            return event.getPayload().getClass().getSimpleName();
        }

        public boolean ends() {
            return event.getPayload() instanceof GenerationCompleted || event.getPayload() instanceof GenerationFailed;
        }
    }

    private final String bootstrapServers;

    public KafkaGenerations(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void submit(GenerationRequested request) {
        send(Topics.REQUESTS.name(), request.getGenerationId(), request);
    }

    public void intervene(Intervention intervention) {
        send(Topics.CONTROL.name(), intervention.getGenerationId(), intervention);
    }

    /**
     * Calls {@code onEvent} for each event of the generation from {@code since}, until its
     * GenerationCompleted or GenerationFailed, or until {@code timeout}; returns the last event.
     */
    public Event follow(String generationId, Instant since, Duration timeout, Consumer<Event> onEvent) {
        GenerationEventDeserializer events = new GenerationEventDeserializer();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        Event last = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(30)).size();
            TopicPartition partition = new TopicPartition(Topics.EVENTS.name(),
                    Utils.toPositive(Utils.murmur2(generationId.getBytes(StandardCharsets.UTF_8))) % partitions);
            consumer.assign(List.of(partition));
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli()),
                    Duration.ofSeconds(30)).get(partition);
            if (start == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, start.offset());
            }
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!generationId.equals(record.key())) {
                        continue;
                    }
                    try {
                        last = new Event(record.partition(), record.offset(), events.deserialize(record.topic(), record.value()));
                    } catch (UndecodableRecordException e) {
                        continue; // not ours to show; the coordinator's dead letters say why
                    }
                    onEvent.accept(last);
                    if (last.ends()) {
                        return last;
                    }
                }
            }
        }
        return last;
    }

    private <V extends SpecificRecord> void send(String topic, String key, V value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic + " on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
