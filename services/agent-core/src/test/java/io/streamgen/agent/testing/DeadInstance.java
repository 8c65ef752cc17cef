package io.streamgen.agent.testing;

import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * Another instance of the role's agent, as the consumer group sees one: it joins the group, is
 * given some of the task partitions, receives what is written to them and dies without committing,
 * so that the service under test gets those partitions and their records again, as after a crash.
 */
final class DeadInstance implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private boolean closed;

    private DeadInstance(String bootstrapServers, Role role) {
        this.topic = Topics.tasks(role).name();
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "streamgen-agent-" + role.name().toLowerCase(java.util.Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Joins the role's group and waits (bounded) until it holds some task partitions. */
    static DeadInstance holdingPartitionsOf(String bootstrapServers, Role role) {
        DeadInstance instance = new DeadInstance(bootstrapServers, role);
        instance.consumer.subscribe(List.of(instance.topic));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
            instance.consumer.poll(Duration.ofMillis(200));
            return !instance.consumer.assignment().isEmpty();
        });
        return instance;
    }

    /** A generation id whose records (keyed by it, as every task is) go to a partition this instance holds. */
    String generationIdOnItsPartitions() {
        Set<TopicPartition> held = consumer.assignment();
        int partitions = consumer.partitionsFor(topic).size();
        while (true) {
            String id = "gen-" + UUID.randomUUID();
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (held.contains(new TopicPartition(topic, partition))) {
                return id;
            }
        }
    }

    /** Polls (bounded) until it has received {@code count} task records keyed {@code generationId}. */
    void receive(String generationId, int count) {
        int[] received = {0};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            records.forEach(r -> received[0] += generationId.equals(r.key()) ? 1 : 0);
            return received[0] >= count;
        });
    }

    /** Dies: leaves the group without committing what it received (once; later calls do nothing). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            consumer.close(Duration.ofSeconds(10));
        }
    }
}
