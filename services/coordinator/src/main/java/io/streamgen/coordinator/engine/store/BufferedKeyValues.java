package io.streamgen.coordinator.engine.store;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Read-through, write-back over a store for the handling of one record: a value read once is the
 * same object until {@link #flush()}, writes stay here until then, and {@link #discard()} forgets
 * them (a record whose handling failed leaves the store as it was). Only what a record touched is
 * written, so a chunk costs one file, not a generation.
 */
public final class BufferedKeyValues<V> implements KeyValues<V> {

    private static final class Slot<V> {
        V value;
        boolean dirty;

        Slot(V value, boolean dirty) {
            this.value = value;
            this.dirty = dirty;
        }
    }

    private final KeyValues<V> store;
    private final TreeMap<String, Slot<V>> slots = new TreeMap<>(Utf8Order.COMPARATOR);

    public BufferedKeyValues(KeyValues<V> store) {
        this.store = store;
    }

    /** The value, read once from the store; a later {@link #put} or {@link #markDirty} writes it back. */
    @Override
    public V get(String key) {
        Slot<V> slot = slots.get(key);
        if (slot == null) {
            slot = new Slot<>(store.get(key), false);
            slots.put(key, slot);
        }
        return slot.value;
    }

    @Override
    public void put(String key, V value) {
        slots.put(key, new Slot<>(value, true));
    }

    @Override
    public void delete(String key) {
        slots.put(key, new Slot<>(null, true));
    }

    /** The value read with {@link #get} was changed in place: write it back. */
    public void markDirty(String key) {
        Slot<V> slot = slots.get(key);
        if (slot != null && slot.value != null) {
            slot.dirty = true;
        }
    }

    /**
     * The store's entries under {@code prefix} with this buffer's over them, in key order. Values
     * that were not read with {@link #get} before are the store's: read them, do not change them.
     */
    @Override
    public void scan(String prefix, BiConsumer<String, V> entries) {
        Iterator<Map.Entry<String, Slot<V>>> pending = slots.tailMap(prefix, true).entrySet().iterator();
        @SuppressWarnings("unchecked")
        Map.Entry<String, Slot<V>>[] next = new Map.Entry[] {advance(pending, prefix)};
        store.scan(prefix, (key, stored) -> {
            while (next[0] != null && Utf8Order.compare(next[0].getKey(), key) < 0) {
                emit(next[0], entries);
                next[0] = advance(pending, prefix);
            }
            if (next[0] != null && next[0].getKey().equals(key)) {
                emit(next[0], entries);
                next[0] = advance(pending, prefix);
            } else {
                entries.accept(key, stored);
            }
        });
        while (next[0] != null) {
            emit(next[0], entries);
            next[0] = advance(pending, prefix);
        }
    }

    /** Keys written (or deleted) since the last flush, under {@code prefix}. */
    public void forEachDirty(String prefix, BiConsumer<String, V> entries) {
        slots.tailMap(prefix, true).entrySet().stream().takeWhile(e -> e.getKey().startsWith(prefix))
                .filter(e -> e.getValue().dirty).forEach(e -> entries.accept(e.getKey(), e.getValue().value));
    }

    public void flush() {
        slots.forEach((key, slot) -> {
            if (slot.dirty) {
                if (slot.value == null) {
                    store.delete(key);
                } else {
                    store.put(key, slot.value);
                }
            } else {
                store.forget(key); // read, perhaps changed in place, not written: the store's bytes stand
            }
        });
        slots.clear();
    }

    public void discard() {
        slots.keySet().forEach(store::forget);
        slots.clear();
    }

    private static <V> Map.Entry<String, Slot<V>> advance(Iterator<Map.Entry<String, Slot<V>>> pending, String prefix) {
        if (!pending.hasNext()) {
            return null;
        }
        Map.Entry<String, Slot<V>> entry = pending.next();
        return entry.getKey().startsWith(prefix) ? entry : null;
    }

    private static <V> void emit(Map.Entry<String, Slot<V>> entry, BiConsumer<String, V> entries) {
        if (entry.getValue().value != null) {
            entries.accept(entry.getKey(), entry.getValue().value);
        }
    }
}
