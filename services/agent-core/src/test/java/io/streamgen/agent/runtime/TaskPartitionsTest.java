package io.streamgen.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TaskPartitionsTest {

    private static final TopicPartition P0 = new TopicPartition("streamgen.tasks.ui", 0);
    private static final TopicPartition P1 = new TopicPartition("streamgen.tasks.ui", 1);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final TaskPartitions partitions = new TaskPartitions();

    @Test
    void shouldTakeOnlyRecordsWrittenAfterTheAssignmentForFirstDeliveries() {
        consumer.updateEndOffsets(Map.of(P0, 42L, P1, 0L));
        partitions.onPartitionsAssigned(consumer, List.of(P0, P1));

        assertThat(partitions.firstDelivery(P0, 41)).as("may have been run by the partition's earlier owner").isFalse();
        assertThat(partitions.firstDelivery(P0, 42)).isTrue();
        assertThat(partitions.firstDelivery(P1, 0)).isTrue();
    }

    @Test
    void shouldLookEveryRecordUpOfAPartitionItDoesNotOwnOrWhoseEndItCouldNotRead() {
        assertThat(partitions.firstDelivery(P0, 1_000)).as("never assigned").isFalse();

        consumer.updateEndOffsets(Map.of(P0, 5L));
        partitions.onPartitionsAssigned(consumer, List.of(P0));
        partitions.onPartitionsRevoked(consumer, List.of(P0));
        assertThat(partitions.firstDelivery(P0, 1_000)).as("revoked: a new assignment gives a new end").isFalse();

        partitions.onPartitionsAssigned(new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
            @Override
            public synchronized Map<TopicPartition, Long> endOffsets(java.util.Collection<TopicPartition> ps) {
                throw new org.apache.kafka.common.errors.TimeoutException("broker away");
            }
        }, List.of(P1));
        assertThat(partitions.firstDelivery(P1, 1_000)).isFalse();
    }
}
