package io.streamgen.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.recent.RecentGenerations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What one client (its principal when authenticated, its remote address otherwise) may do at once:
 * requests per minute, open streams, generations in flight. Each refusal is counted in
 * {@code streamgen.gateway.limits.refused} (tag {@code limit}) and answered 429 with Retry-After.
 */
@ApplicationScoped
public class ClientLimits {

    /** A generation that has shown no end for this long no longer counts as in flight. */
    static final Duration IN_FLIGHT_CEILING = Duration.ofHours(1);
    private static final int MAX_CLIENTS = 100_000;

    private final int perMinute;
    private final int maxStreams;
    private final int maxInFlight;
    private final LongSupplier nanos;
    private final Predicate<String> ended;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> streams = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    @Inject
    ClientLimits(GatewayConfig config, RecentGenerations recent, MeterRegistry registry) {
        this(config.limits().requestsPerMinute(), config.limits().streamsPerClient(),
                config.limits().generationsInFlightPerClient(), System::nanoTime,
                id -> recent.state(id).map(state -> !state.equals("running")).orElse(false), registry);
    }

    ClientLimits(int perMinute, int maxStreams, int maxInFlight, LongSupplier nanos, Predicate<String> ended,
            MeterRegistry registry) {
        this.perMinute = perMinute;
        this.maxStreams = maxStreams;
        this.maxInFlight = maxInFlight;
        this.nanos = nanos;
        this.ended = ended;
        this.registry = registry;
        for (String limit : new String[] {"requests", "streams", "generations", "body"}) {
            counter(limit);
        }
    }

    /** Empty when {@code client} may make one more request, otherwise the seconds to wait. */
    public OptionalLong request(String client) {
        if (perMinute <= 0) {
            return OptionalLong.empty();
        }
        long now = nanos.getAsLong();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(client, c -> new TokenBucket(perMinute, now));
        long wait;
        synchronized (bucket) {
            wait = bucket.take(now);
        }
        if (wait == 0) {
            return OptionalLong.empty();
        }
        refused("requests");
        return OptionalLong.of(wait);
    }

    /** Takes a stream slot for {@code client}; false (and counted) when it has its limit open already. */
    public boolean openStream(String client) {
        if (maxStreams <= 0) {
            return true;
        }
        AtomicInteger open = streams.computeIfAbsent(client, c -> new AtomicInteger());
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            refused("streams");
            return false;
        }
        return true;
    }

    public void closeStream(String client) {
        if (maxStreams <= 0) {
            return;
        }
        streams.computeIfPresent(client, (c, open) -> open.decrementAndGet() <= 0 ? null : open);
    }

    /** Why {@code client} may not start another generation now, if it may not. */
    public Optional<String> generationRefusal(String client) {
        if (maxInFlight <= 0) {
            return Optional.empty();
        }
        Map<String, Long> mine = inFlight.get(client);
        if (mine == null) {
            return Optional.empty();
        }
        long now = nanos.getAsLong();
        mine.entrySet().removeIf(e -> ended.test(e.getKey()) || now - e.getValue() > IN_FLIGHT_CEILING.toNanos());
        if (mine.size() < maxInFlight) {
            inFlight.remove(client, Map.of()); // nothing left in flight: forget the client
            return Optional.empty();
        }
        refused("generations");
        return Optional.of(maxInFlight + " generations of yours are still running; wait for one to end or cancel one");
    }

    /** Counts {@code generationId} as in flight for {@code client} until its generation ends. */
    public void started(String client, String generationId) {
        if (maxInFlight > 0) {
            inFlight.computeIfAbsent(client, c -> new ConcurrentHashMap<>()).put(generationId, nanos.getAsLong());
        }
    }

    /** Counts a refusal made elsewhere (e.g. a body over the size limit). */
    public void refused(String limit) {
        counter(limit).increment();
    }

    private Counter counter(String limit) {
        return refused.computeIfAbsent(limit, l -> Counter.builder("streamgen.gateway.limits.refused").tag("limit", l)
                .description("requests refused by a per-client limit (429) or a size limit (413)").register(registry));
    }
}
