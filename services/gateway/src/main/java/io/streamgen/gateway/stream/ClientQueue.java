package io.streamgen.gateway.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's bounded queue. When it goes over capacity, pending file and draft events are folded
 * into one snapshot per file (at the place of the latest), with a lagged notice in front; if it is
 * still over twice the capacity the client is too far behind and the caller drops it.
 */
final class ClientQueue {

    /** What one coalescing pass did. */
    record Coalesced(int snapshots, int folded) {
    }

    private final ArrayDeque<Outbound> items = new ArrayDeque<>();
    private final int capacity;
    private final int draftMaxChars;
    private int maxDepth;

    ClientQueue(int capacity, int draftMaxChars) {
        this.capacity = capacity;
        this.draftMaxChars = draftMaxChars;
    }

    /** Adds an item; returns what coalescing did, or null if the queue overflowed beyond repair. */
    synchronized Coalesced offer(Outbound item) {
        items.addLast(item);
        Coalesced done = new Coalesced(0, 0);
        if (items.size() > capacity) {
            done = coalesce();
        }
        maxDepth = Math.max(maxDepth, items.size());
        return items.size() > 2 * capacity ? null : done;
    }

    synchronized Outbound poll() {
        return items.pollFirst();
    }

    synchronized boolean isEmpty() {
        return items.isEmpty();
    }

    synchronized int size() {
        return items.size();
    }

    synchronized int maxDepth() {
        return maxDepth;
    }

    private Coalesced coalesce() {
        List<Outbound> list = new ArrayList<>(items);
        Map<String, Outbound> merged = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        int notices = 0;
        int previouslyCoalesced = 0;
        for (int i = 0; i < list.size(); i++) {
            Outbound o = list.get(i);
            if ("lagged".equals(o.type())) {
                notices++;
                previouslyCoalesced += ((Number) o.body().get("coalesced")).intValue();
                continue;
            }
            if (o.coalesceKey() != null) {
                merged.merge(o.coalesceKey(), o, (a, b) -> a.mergeWith(b, draftMaxChars));
                last.put(o.coalesceKey(), i);
            }
        }
        int kept = list.size() - notices;
        List<Outbound> rebuilt = new ArrayList<>(list.size());
        int snapshots = 0;
        for (int i = 0; i < list.size(); i++) {
            Outbound o = list.get(i);
            if ("lagged".equals(o.type())) {
                continue;
            }
            if (o.coalesceKey() == null) {
                rebuilt.add(o);
            } else if (last.get(o.coalesceKey()) == i) {
                Outbound m = merged.get(o.coalesceKey());
                if (m != o) {
                    snapshots++;
                }
                rebuilt.add(m);
            }
        }
        int folded = kept - rebuilt.size();
        if (folded > 0 || notices > 0) {
            rebuilt.add(0, Outbound.lagged(previouslyCoalesced + folded, capacity));
        }
        items.clear();
        items.addAll(rebuilt);
        return new Coalesced(snapshots, folded);
    }
}
