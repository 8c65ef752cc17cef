package io.streamgen.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any streamgen record with Avro single-object encoding (marker, schema fingerprint, binary
 * body). Configure it by class name: {@code value.serializer=io.streamgen.schema.serde.AvroSerializer}.
 * It refuses a schema that is not shipped, since no reader could decode what it would write.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final ShippedSchemaStore store;
    private final Map<Schema, BinaryMessageEncoder<T>> encoders = new ConcurrentHashMap<>();

    public AvroSerializer() {
        this(ShippedSchemaStore.shipped());
    }

    public AvroSerializer(ShippedSchemaStore store) {
        AvroTrust.install();
        this.store = store;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        BinaryMessageEncoder<T> encoder = encoders.computeIfAbsent(record.getSchema(), schema -> {
            if (!store.contains(schema)) {
                throw new SerializationException("schema " + schema.getFullName() + " (fingerprint "
                        + ShippedSchemaStore.fingerprint(schema) + ") is not shipped: add it to "
                        + ShippedSchemaStore.HISTORY + " before writing it to " + topic);
            }
            return new BinaryMessageEncoder<>(new SpecificData(record.getClass().getClassLoader()), schema);
        });
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            encoder.encode(record, out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + record.getSchema().getName() + " to " + topic
                    + ": " + e.getMessage(), e);
        }
    }
}
