package io.streamgen.gateway.api;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends the coordinator's API secret ({@code streamgen.coordinator.api.secret}, env
 * STREAMGEN_COORDINATOR_API_SECRET) as {@code Authorization: Bearer …} on every interactive query:
 * the coordinator answers only the gateway (and its own instances). Nothing is sent when it is unset.
 */
public class CoordinatorSecret implements ClientRequestFilter {

    private final Optional<String> secret = ConfigProvider.getConfig()
            .getOptionalValue("streamgen.coordinator.api.secret", String.class).filter(s -> !s.isBlank());

    @Override
    public void filter(ClientRequestContext request) {
        secret.ifPresent(s -> request.getHeaders().putSingle("Authorization", "Bearer " + s));
    }
}
