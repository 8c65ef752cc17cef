package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.engine.store.KeyValues;
import io.streamgen.coordinator.engine.store.Utf8Order;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.coordinator.topology.JsonSerde;
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

    public final Serialised<SourceFile> files = of(new JsonSerde<>(SourceFile.class));
    public final Serialised<TaskFileOutput> outputs = of(new JsonSerde<>(TaskFileOutput.class));
    public final Serialised<Long> changes = of(Serdes.Long());
    public final Serialised<SourceFile> blobs = of(new JsonSerde<>(SourceFile.class));
    public final Serialised<ManifestEntry> manifests = of(new JsonSerde<>(ManifestEntry.class));
    public final Serialised<Checkpoint> checkpoints = of(AvroSerde.of(Checkpoint.class));
    public final EngineStores engine = new EngineStores(files, outputs, changes, blobs, manifests, checkpoints);

    /** A fresh set of stores for the engine ({@link #engine}). */
    public static MemoryStores create() {
        return new MemoryStores();
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
