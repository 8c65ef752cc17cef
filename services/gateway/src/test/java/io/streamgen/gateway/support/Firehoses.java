package io.streamgen.gateway.support;

import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.stream.Subscription;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The gateway's open all-generations subscriptions: a client of the firehose gets events produced
 * after its subscription registered, so a test waits for that before producing.
 */
public final class Firehoses {

    private Firehoses() {
    }

    public static Set<Subscription> open(EventHub hub) {
        Set<Subscription> open = Collections.newSetFromMap(new IdentityHashMap<>());
        hub.subscriptions().stream().filter(s -> s.generationId() == null && !s.isClosed()).forEach(open::add);
        return open;
    }

    /** How many are open now that were not in {@code before}. */
    public static long openedSince(EventHub hub, Set<Subscription> before) {
        return open(hub).stream().filter(s -> !before.contains(s)).count();
    }
}
