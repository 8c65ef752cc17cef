package io.streamgen.gateway.health;

import io.streamgen.gateway.hub.EventHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the shared consumer reads every partition of the events topic and polled recently. */
@Readiness
@ApplicationScoped
public class EventHubReadiness implements HealthCheck {

    @Inject
    EventHub hub;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("events-topic").status(hub.healthy())
                .withData("partitions", hub.partitions()).build();
    }
}
