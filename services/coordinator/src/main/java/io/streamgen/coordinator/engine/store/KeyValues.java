package io.streamgen.coordinator.engine.store;

import java.util.function.BiConsumer;

/**
 * A sorted key-value store the engine keeps one kind of state in: a Kafka Streams store when the
 * application runs, a map in benchmarks. Keys sort by their UTF-8 bytes, as RocksDB sorts them.
 */
public interface KeyValues<V> {

    V get(String key);

    void put(String key, V value);

    void delete(String key);

    /** Every entry whose key starts with {@code prefix}, in key order. */
    void scan(String prefix, BiConsumer<String, V> entries);

    /**
     * The value {@link #get} gave for {@code key} may have been changed in place and not written back:
     * a store that keeps decoded values must not give that object again.
     */
    default void forget(String key) {
    }
}
