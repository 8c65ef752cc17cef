package io.streamgen.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's streaming metrics on /q/metrics, registered at start so that a scrape sees them before any client. */
@Startup
@ApplicationScoped
public class GatewayMetrics {

    private final AtomicInteger clients = new AtomicInteger();
    private final Counter sent;
    private final Counter snapshots;
    private final Counter folded;
    private final Counter droppedClients;
    private final DistributionSummary lag;

    GatewayMetrics(MeterRegistry registry) {
        Gauge.builder("streamgen.gateway.clients", clients, AtomicInteger::get)
                .description("SSE and WebSocket clients connected").register(registry);
        sent = Counter.builder("streamgen.gateway.events.sent").description("events written to clients")
                .register(registry);
        snapshots = Counter.builder("streamgen.gateway.events.coalesced")
                .description("snapshots made by coalescing a slow client's file and draft events").register(registry);
        folded = Counter.builder("streamgen.gateway.events.dropped.to.snapshot")
                .description("events of slow clients replaced by a snapshot").register(registry);
        droppedClients = Counter.builder("streamgen.gateway.clients.dropped")
                .description("clients closed because they fell too far behind (they resume with Last-Event-ID)")
                .register(registry);
        lag = DistributionSummary.builder("streamgen.gateway.event.lag").baseUnit("milliseconds")
                .description("from the record's timestamp to the client taking the event")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void connected() {
        clients.incrementAndGet();
    }

    void disconnected() {
        clients.decrementAndGet();
    }

    public int connectedClients() {
        return clients.get();
    }

    void sent(Outbound item, long now) {
        if (item.stands() > 0) {
            sent.increment();
            if (item.sourceTimestamp() > 0) {
                lag.record(Math.max(0, now - item.sourceTimestamp()));
            }
        }
    }

    void coalesced(ClientQueue.Coalesced done) {
        snapshots.increment(done.snapshots());
        folded.increment(done.folded());
    }

    void droppedClient() {
        droppedClients.increment();
    }
}
