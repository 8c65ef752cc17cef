package io.streamgen.gateway.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.streamgen.gateway.auth.Authenticator;
import io.streamgen.gateway.config.GatewayConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A browser opens /stream only from an allowed origin ({@code streamgen.gateway.websocket.allowed-origins})
 * or the gateway's own (403 otherwise); a request without an Origin is not a browser and passes. With
 * auth on, the upgrade needs a bearer token or the dashboard's session cookie (401 otherwise).
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    @Inject
    GatewayConfig config;

    @Inject
    Authenticator authenticator;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin != null && !allowed(origin, request.getHeader("Host"))) {
            return CheckResult.rejectUpgrade(403);
        }
        if (authenticator.enabled()) {
            Cookie session = request.getCookie(authenticator.cookieName());
            if (authenticator.principal(request.getHeader("Authorization"), session == null ? null : session.getValue())
                    .isEmpty()) {
                return CheckResult.rejectUpgrade(401);
            }
        }
        return CheckResult.permitUpgrade();
    }

    boolean allowed(String origin, String host) {
        if (config.websocket().allowedOrigins().contains(origin)) {
            return true;
        }
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
