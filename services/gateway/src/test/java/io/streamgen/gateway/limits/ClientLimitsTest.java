package io.streamgen.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-client limits: a token bucket per client, stream slots, generations in flight; each refusal counted. */
class ClientLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final Set<String> ended = new HashSet<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ClientLimits limits(int perMinute, int streams, int inFlight) {
        return new ClientLimits(perMinute, streams, inFlight, now::get, ended::contains, registry);
    }

    private double refused(String limit) {
        return registry.get("streamgen.gateway.limits.refused").tag("limit", limit).counter().count();
    }

    @Test
    void shouldLetABurstOfAMinutesWorthThroughThenAskToWaitWhileOthersGoOn() {
        ClientLimits limits = limits(60, 0, 0);
        for (int i = 0; i < 60; i++) {
            assertThat(limits.request("address:10.0.0.1")).isEmpty();
        }
        assertThat(limits.request("address:10.0.0.1")).hasValue(1); // one token a second
        assertThat(limits.request("address:10.0.0.2")).isEmpty();
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(limits.request("address:10.0.0.1")).isEmpty();
        assertThat(limits.request("address:10.0.0.1")).isPresent();
        assertThat(refused("requests")).isEqualTo(2);
    }

    @Test
    void shouldTellHowLongToWaitWhenTheRateIsSlow() {
        ClientLimits limits = limits(2, 0, 0);
        limits.request("c");
        limits.request("c");
        assertThat(limits.request("c")).hasValue(30);
    }

    @Test
    void shouldGiveEachClientItsStreamSlotsBack() {
        ClientLimits limits = limits(0, 2, 0);
        assertThat(limits.openStream("principal:alice")).isTrue();
        assertThat(limits.openStream("principal:alice")).isTrue();
        assertThat(limits.openStream("principal:alice")).isFalse();
        assertThat(limits.openStream("principal:bob")).isTrue();
        limits.closeStream("principal:alice");
        assertThat(limits.openStream("principal:alice")).isTrue();
        assertThat(refused("streams")).isEqualTo(1);
    }

    @Test
    void shouldCountGenerationsUntilTheyEndOrAnHourPasses() {
        ClientLimits limits = limits(0, 0, 2);
        assertThat(limits.generationRefusal("c")).isEmpty();
        limits.started("c", "g-1");
        limits.started("c", "g-2");
        assertThat(limits.generationRefusal("c")).get().asString().contains("2 generations");
        assertThat(limits.generationRefusal("other")).isEmpty();
        ended.add("g-1");
        assertThat(limits.generationRefusal("c")).isEmpty();
        limits.started("c", "g-3");
        now.addAndGet(ClientLimits.IN_FLIGHT_CEILING.toNanos() + 1);
        assertThat(limits.generationRefusal("c")).isEmpty();
        assertThat(refused("generations")).isEqualTo(1);
    }

    @Test
    void shouldAllowEverythingWhenTheLimitsAreOff() {
        ClientLimits limits = limits(0, 0, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.request("c")).isEmpty();
            assertThat(limits.openStream("c")).isTrue();
            limits.started("c", "g-" + i);
        }
        assertThat(limits.generationRefusal("c")).isEmpty();
    }
}
