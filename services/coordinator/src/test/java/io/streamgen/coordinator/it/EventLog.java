package io.streamgen.coordinator.it;

import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a generation's whole event history the way a read_committed viewer sees it. */
final class EventLog {

    private EventLog() {
    }

    /** Every committed event of the generation, in order, up to the current end of the topic. */
    static List<GenerationEvent> read(String generationId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<GenerationEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, GenerationEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroDeserializer<>(GenerationEvent.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, GenerationEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (generationId.equals(record.key())) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }
}
