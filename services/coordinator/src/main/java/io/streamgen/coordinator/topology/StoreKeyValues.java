package io.streamgen.coordinator.topology;

import io.streamgen.coordinator.engine.store.KeyValues;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The engine's {@link KeyValues} over a Kafka Streams key-value store (prefix scans in RocksDB's byte order). */
final class StoreKeyValues<V> implements KeyValues<V> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, V> store;

    StoreKeyValues(KeyValueStore<String, V> store) {
        this.store = store;
    }

    @Override
    public V get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, V value) {
        store.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public void scan(String prefix, BiConsumer<String, V> entries) {
        try (KeyValueIterator<String, V> all = store.prefixScan(prefix, KEYS)) {
            all.forEachRemaining(entry -> entries.accept(entry.key, entry.value));
        }
    }
}
