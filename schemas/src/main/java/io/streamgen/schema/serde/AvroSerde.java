package io.streamgen.schema.serde;

import io.streamgen.schema.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka Streams {@link Serde} for one streamgen record type (single-object encoding). */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    public AvroSerde(Class<T> type) {
        this(type, ShippedSchemaStore.shipped());
    }

    public AvroSerde(Class<T> type, ShippedSchemaStore store) {
        this.serializer = new AvroSerializer<>(store);
        this.deserializer = new AvroDeserializer<>(type, store);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    /** The value serde of a catalogue topic. */
    public static <T extends SpecificRecord> AvroSerde<T> forTopic(Topic<T> topic) {
        return new AvroSerde<>(topic.valueType());
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
