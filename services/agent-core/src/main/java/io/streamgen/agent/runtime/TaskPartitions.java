package io.streamgen.agent.runtime;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Which task records no instance can have run before: those at or after the end of their
 * partition when this instance was given it. Only a record from before that end can be a
 * redelivery (its earlier owner died or lost the partition before committing it), so only such a
 * record needs {@link PriorAttempts} to read the status topic; on a healthy stack that is none, and
 * a task starts without three round trips to the broker.
 */
@ApplicationScoped
@Identifier(TaskPartitions.NAME)
public class TaskPartitions implements KafkaConsumerRebalanceListener {

    /** The listener's name in {@code mp.messaging.incoming.tasks.consumer-rebalance-listener.name}. */
    public static final String NAME = "streamgen-task-partitions";
    private static final Logger LOG = Logger.getLogger(TaskPartitions.class);

    private final Map<TopicPartition, Long> endWhenAssigned = new ConcurrentHashMap<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            endWhenAssigned.putAll(consumer.endOffsets(partitions));
        } catch (RuntimeException e) {
            // unknown ends: every record of these partitions is looked up, as before this shortcut
            partitions.forEach(endWhenAssigned::remove);
            LOG.warnf("cannot read the end offsets of %s: every task from them is checked for earlier attempts (%s)",
                    partitions, e.getMessage());
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(endWhenAssigned::remove);
    }

    /** True when the record was written after this instance got its partition: nobody else has seen it. */
    public boolean firstDelivery(Message<?> message) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        return kafka.map(record -> firstDelivery(new TopicPartition(record.getTopic(), record.getPartition()),
                record.getOffset())).orElse(false);
    }

    boolean firstDelivery(TopicPartition partition, long offset) {
        Long end = endWhenAssigned.get(partition);
        return end != null && offset >= end;
    }
}
