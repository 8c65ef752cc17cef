package io.streamgen.coordinator.topology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamgen.coordinator.engine.store.KeyValues;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * Write-through over a store, keeping the objects last written (or read) for their keys: a chunk
 * then costs the encoding of what it changed, not also the decoding of its file and task output
 * from the store's bytes. Bounded by the values' weight; owned by one stream task (its thread), and
 * emptied when the task starts or closes, since after a restore or an aborted transaction only the
 * store's bytes are right. {@link #scan} reads the store itself.
 */
public final class DecodedValues<V> implements KeyValues<V> {

    private final KeyValues<V> store;
    private final Cache<String, V> decoded;

    public DecodedValues(KeyValues<V> store, long maxWeight, ToLongFunction<V> weigher) {
        this.store = store;
        this.decoded = Caffeine.newBuilder().maximumWeight(maxWeight)
                .weigher((String key, V value) -> (int) Math.min(Integer.MAX_VALUE, weigher.applyAsLong(value)))
                .executor(Runnable::run).build();
    }

    @Override
    public V get(String key) {
        V value = decoded.getIfPresent(key);
        if (value == null) {
            value = store.get(key);
            if (value != null) {
                decoded.put(key, value);
            }
        }
        return value;
    }

    @Override
    public void put(String key, V value) {
        store.put(key, value);
        decoded.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
        decoded.invalidate(key);
    }

    @Override
    public void scan(String prefix, BiConsumer<String, V> entries) {
        store.scan(prefix, entries);
    }

    @Override
    public void forget(String key) {
        decoded.invalidate(key);
    }

    public void clear() {
        decoded.invalidateAll();
    }
}
