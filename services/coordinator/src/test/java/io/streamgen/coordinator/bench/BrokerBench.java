package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.it.RunningCoordinator;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End to end through a real broker with exactly_once_v2: chunks produced as an agent would, until
 * their FileChanged event is readable by a read_committed consumer. Latency is that interval per
 * chunk; throughput is chunks over the time from the first send to the last event.
 */
final class BrokerBench {

    private static final List<Role> ROLES = List.of(Role.API, Role.LOGIC, Role.UI);

    record Result(long chunks, double seconds, LatencyStats latency) {
    }

    private final String bootstrap = TestKafka.shared().bootstrapServers();

    /**
     * @param pauseMicros pause between sends (0: as fast as possible, for throughput)
     */
    Result run(RunningCoordinator coordinator, String prefix, int generations, int chunksPerTask, long pauseMicros)
            throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        long total = (long) generations * ROLES.size() * chunksPerTask;
        try (KafkaProducer<String, SpecificRecord> producer = producer();
                KafkaConsumer<String, GenerationEvent> events = consumer(GenerationEvent.class);
                KafkaConsumer<String, AgentTask> tasks = consumer(AgentTask.class)) {
            seekToEnd(events, Topics.EVENTS.name());
            List<String> taskTopics = ROLES.stream().map(r -> Topics.tasks(r).name()).toList();
            seekToEnd(tasks, taskTopics.toArray(String[]::new));
            for (int g = 0; g < generations; g++) {
                String id = prefix + g;
                producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), id, EngineBench.request(id)));
            }
            producer.flush();
            awaitTasks(tasks, generations * ROLES.size());
            long start = System.nanoTime();
            long lastEvent = start;
            for (int seq = 0; seq < chunksPerTask; seq++) {
                for (int g = 0; g < generations; g++) {
                    String id = prefix + g;
                    for (Role role : ROLES) {
                        CodeChunk chunk = EngineBench.chunk(id, role, seq);
                        sentAt.put(id + "|" + chunk.getPath() + "|" + (seq + 1), System.nanoTime());
                        producer.send(new ProducerRecord<>(Topics.CHUNKS.name(), id, chunk));
                    }
                }
                if (pauseMicros > 0) {
                    producer.flush();
                    lastEvent = drain(events, sentAt, latencies, lastEvent);
                    Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
                }
            }
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (latencies.size() < total && System.nanoTime() < deadline) {
                lastEvent = drain(events, sentAt, latencies, lastEvent);
            }
            double seconds = (lastEvent - start) / 1e9;
            return new Result(latencies.size(), seconds,
                    new LatencyStats(latencies.stream().mapToLong(Long::longValue).toArray()));
        }
    }

    private static long drain(KafkaConsumer<String, GenerationEvent> events, Map<String, Long> sentAt,
            List<Long> latencies, long lastEvent) {
        for (ConsumerRecord<String, GenerationEvent> record : events.poll(Duration.ofMillis(20))) {
            if (record.value().getPayload() instanceof FileChanged changed) {
                Long sent = sentAt.remove(record.key() + "|" + changed.getPath() + "|" + changed.getVersion());
                if (sent != null) {
                    long now = System.nanoTime();
                    latencies.add(now - sent);
                    lastEvent = now;
                }
            }
        }
        return lastEvent;
    }

    private static void awaitTasks(KafkaConsumer<String, AgentTask> tasks, int expected) {
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen < expected && System.nanoTime() < deadline) {
            seen += tasks.poll(Duration.ofMillis(100)).count();
        }
        if (seen < expected) {
            throw new IllegalStateException("only " + seen + " of " + expected + " tasks were published");
        }
    }

    private KafkaProducer<String, SpecificRecord> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(),
                new AvroSerializer<>());
    }

    private <V extends SpecificRecord> KafkaConsumer<String, V> consumer(Class<V> type) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new AvroDeserializer<>(type));
    }

    private static void seekToEnd(KafkaConsumer<?, ?> consumer, String... topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    static RunningCoordinator startCoordinator() throws Exception {
        return RunningCoordinator.start("coordinator-bench-" + System.nanoTime(),
                Files.createTempDirectory("coordinator-bench-state"));
    }
}
