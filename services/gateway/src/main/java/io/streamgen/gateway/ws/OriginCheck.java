package io.streamgen.gateway.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.streamgen.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A browser opens /stream only from an allowed origin ({@code streamgen.gateway.websocket.allowed-origins})
 * or the gateway's own; a request without an Origin is not a browser and passes.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    @Inject
    GatewayConfig config;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || allowed(origin, context.httpRequest().getHeader("Host"))) {
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(403);
    }

    boolean allowed(String origin, String host) {
        if (config.websocket().allowedOrigins().contains(origin)) {
            return true;
        }
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
