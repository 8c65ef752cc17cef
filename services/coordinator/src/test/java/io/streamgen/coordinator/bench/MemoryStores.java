package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.engine.store.KeyValues;
import io.streamgen.coordinator.engine.store.Utf8Order;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.coordinator.topology.DecodedValues;
import io.streamgen.coordinator.topology.StateSerde;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.serde.AvroSerde;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The engine's stores as sorted maps of serialised values, written and read with the stores' own
 * serdes (so a benchmark pays what the application pays per value, without RocksDB and Kafka).
 */
public final class MemoryStores {

    /** How the state documents are kept: the stores' format, and whether decoded values are kept too. */
    public enum Format {
        /** Text JSON, decoded for every record (the coordinator before Smile and {@link DecodedValues}). */
        JSON_DECODED_EACH_TIME,
        /** Smile, decoded for every record. */
        SMILE_DECODED_EACH_TIME,
        /** Smile, decoded values kept ({@link DecodedValues}), as the coordinator runs. */
        SMILE_DECODED_KEPT;

        public <T> Serde<T> serde(Class<T> type) {
            return this == JSON_DECODED_EACH_TIME ? StateSerde.writingTextJson(type) : new StateSerde<>(type);
        }

        public <T> KeyValues<T> keep(KeyValues<T> store, java.util.function.ToLongFunction<T> weigher) {
            return this == SMILE_DECODED_KEPT ? new DecodedValues<>(store, 8L << 20, weigher) : store;
        }
    }

    public final Serialised<SourceFile> files;
    public final Serialised<TaskFileOutput> outputs;
    public final Serialised<Long> changes = of(Serdes.Long());
    public final Serialised<SourceFile> blobs;
    public final Serialised<ManifestEntry> manifests;
    public final Serialised<Checkpoint> checkpoints = of(AvroSerde.of(Checkpoint.class));
    public final EngineStores engine;

    private MemoryStores(Format format) {
        files = of(format.serde(SourceFile.class));
        outputs = of(format.serde(TaskFileOutput.class));
        blobs = of(format.serde(SourceFile.class));
        manifests = of(format.serde(ManifestEntry.class));
        engine = new EngineStores(format.keep(files, SourceFile::weight), format.keep(outputs, TaskFileOutput::weight),
                changes, blobs, manifests, checkpoints);
    }

    /** A fresh set of stores for the engine ({@link #engine}), as the coordinator keeps them. */
    public static MemoryStores create() {
        return new MemoryStores(Format.SMILE_DECODED_KEPT);
    }

    public static MemoryStores create(Format format) {
        return new MemoryStores(format);
    }

    /** The largest value of the per-file stores (files, task output, blobs, manifests). */
    public int largestValue() {
        return java.util.stream.Stream.of(files, outputs, changes, blobs, manifests)
                .mapToInt(Serialised::largestValue).max().orElse(0);
    }

    public static <V> Serialised<V> of(Serde<V> serde) {
        return new Serialised<>(serde);
    }

    /** One store: key → serialised value. */
    public static final class Serialised<V> implements KeyValues<V> {
        private final Serde<V> serde;
        private final TreeMap<String, byte[]> values = new TreeMap<>(Utf8Order.COMPARATOR);

        Serialised(Serde<V> serde) {
            this.serde = serde;
        }

        @Override
        public V get(String key) {
            byte[] bytes = values.get(key);
            return bytes == null ? null : serde.deserializer().deserialize("", bytes);
        }

        @Override
        public void put(String key, V value) {
            values.put(key, serde.serializer().serialize("", value));
        }

        @Override
        public void delete(String key) {
            values.remove(key);
        }

        @Override
        public void scan(String prefix, BiConsumer<String, V> entries) {
            for (Map.Entry<String, byte[]> entry : values.tailMap(prefix, true).entrySet()) {
                if (!entry.getKey().startsWith(prefix)) {
                    return;
                }
                entries.accept(entry.getKey(), serde.deserializer().deserialize("", entry.getValue()));
            }
        }

        /** The largest serialised value: what its changelog's largest record would be. */
        public int largestValue() {
            return values.values().stream().mapToInt(b -> b.length).max().orElse(0);
        }

        public long totalBytes() {
            return values.values().stream().mapToLong(b -> b.length).sum();
        }

        public int size() {
            return values.size();
        }
    }
}
