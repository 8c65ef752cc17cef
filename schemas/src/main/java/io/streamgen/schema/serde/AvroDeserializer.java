package io.streamgen.schema.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.message.RawMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads single-object-encoded records of one type. The writer's schema is found by the fingerprint
 * in the record's header in the {@link ShippedSchemaStore}, so a record written by any shipped
 * version decodes into the current class. Whatever is wrong with the bytes, the only exception is
 * an {@link UndecodableRecordException} naming the topic and the reason. A null value (a
 * tombstone) stays null.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;
    static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final ShippedSchemaStore store;
    private final Map<Long, RawMessageDecoder<T>> decoders = new ConcurrentHashMap<>();

    public AvroDeserializer(Class<T> type) {
        this(type, ShippedSchemaStore.shipped());
    }

    public AvroDeserializer(Class<T> type, ShippedSchemaStore store) {
        AvroTrust.install();
        this.type = type;
        // bound to the record class's own loader: under Quarkus the same class exists in two loaders
        this.model = new SpecificData(type.getClassLoader());
        // a timestamp field an older writer lacks gets its default as an Instant, not as the raw long
        // (the generated classes convert what they read, but Avro fills in defaults through the model)
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        this.readerSchema = model.getSchema(type);
        this.store = store;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH) {
            throw new UndecodableRecordException(topic, data.length + " bytes is shorter than the "
                    + HEADER_LENGTH + "-byte single-object header", null);
        }
        if (data[0] != MARKER_0 || data[1] != MARKER_1) {
            throw new UndecodableRecordException(topic, String.format(
                    "not Avro single-object encoding: header starts 0x%02X 0x%02X, expected 0xC3 0x01",
                    data[0], data[1]), null);
        }
        long fingerprint = littleEndianLong(data, 2);
        Schema writer = store.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new UndecodableRecordException(topic, "writer schema fingerprint " + Long.toHexString(fingerprint)
                    + " is not a shipped schema version", null);
        }
        if (!writer.getFullName().equals(readerSchema.getFullName())) {
            throw new UndecodableRecordException(topic, "record is a " + writer.getFullName() + ", expected "
                    + readerSchema.getFullName(), null);
        }
        try {
            RawMessageDecoder<T> decoder = decoders.computeIfAbsent(fingerprint,
                    fp -> new RawMessageDecoder<>(model, writer, readerSchema));
            return decoder.decode(ByteBuffer.wrap(data, HEADER_LENGTH, data.length - HEADER_LENGTH));
        } catch (AvroRuntimeException | IOException | IndexOutOfBoundsException | NegativeArraySizeException
                 | IllegalArgumentException | ClassCastException e) {
            // Corrupt bodies surface as any of these from Avro's decoder; callers get one type.
            throw new UndecodableRecordException(topic, "corrupt " + writer.getName() + " body: " + e, e);
        }
    }

    private static long littleEndianLong(byte[] data, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (data[offset + i] & 0xFFL);
        }
        return value;
    }
}
