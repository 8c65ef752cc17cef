package io.streamgen.schema.serde;

import io.streamgen.schema.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every version of every record schema streamgen has ever shipped, found by the 64-bit fingerprint
 * that single-object encoding puts in front of each record. Versions live as resources
 * {@code io/streamgen/schema/history/<Record>/v<N>.avsc}; a version, once shipped, never changes
 * and never goes away, so a reader can decode a record written by any earlier writer.
 */
public final class ShippedSchemaStore implements SchemaStore {

    static final String HISTORY = "io/streamgen/schema/history/";

    private static final class Holder {
        static final ShippedSchemaStore SHIPPED = load(Topics.valueTypes(), ShippedSchemaStore.class.getClassLoader());
    }

    private final Map<Long, Schema> byFingerprint;
    private final Map<String, List<Schema>> versionsByName;

    private ShippedSchemaStore(Map<String, List<Schema>> versionsByName) {
        this.versionsByName = Collections.unmodifiableMap(versionsByName);
        Map<Long, Schema> index = new HashMap<>();
        versionsByName.values().forEach(versions -> versions.forEach(s -> index.put(fingerprint(s), s)));
        this.byFingerprint = Collections.unmodifiableMap(index);
    }

    /** The store of every record type on the catalogue's topics. */
    public static ShippedSchemaStore shipped() {
        return Holder.SHIPPED;
    }

    /** Loads the shipped versions (v1, v2, … until the first gap) of the given record types. */
    public static ShippedSchemaStore load(List<Class<? extends SpecificRecord>> types, ClassLoader loader) {
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : types) {
            List<Schema> shipped = new ArrayList<>();
            for (int v = 1; ; v++) {
                String resource = HISTORY + type.getSimpleName() + "/v" + v + ".avsc";
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        break;
                    }
                    shipped.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read shipped schema " + resource, e);
                }
            }
            if (shipped.isEmpty()) {
                throw new IllegalStateException("no shipped schema for " + type.getName() + " under " + HISTORY);
            }
            versions.put(type.getName(), List.copyOf(shipped));
        }
        return new ShippedSchemaStore(versions);
    }

    /** The fingerprint single-object encoding writes: CRC-64-AVRO of the parsing canonical form. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    public boolean contains(Schema schema) {
        return byFingerprint.containsKey(fingerprint(schema));
    }

    /** Shipped versions of one record, oldest first. */
    public List<Schema> versions(String recordFullName) {
        return versionsByName.getOrDefault(recordFullName, List.of());
    }

    public Map<String, List<Schema>> all() {
        return versionsByName;
    }
}
