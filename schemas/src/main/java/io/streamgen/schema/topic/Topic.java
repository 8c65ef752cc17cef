package io.streamgen.schema.topic;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of streamgen: its name, the Avro record its values hold, how many partitions it
 * has and the topic-level configuration it is created with. Keys are always strings (the
 * generation id, see {@link Topics}).
 */
public record Topic<V extends SpecificRecord>(
        String name, Class<V> valueType, int partitions, Map<String, String> config) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for " + name);
        }
        config = Map.copyOf(config);
    }

    /** The same topic with another partition count, e.g. to provision a bigger cluster. */
    public Topic<V> withPartitions(int count) {
        return new Topic<>(name, valueType, count, config);
    }

    public boolean compacted() {
        return config.getOrDefault("cleanup.policy", "delete").contains("compact");
    }

    @Override
    public String toString() {
        return name;
    }
}
