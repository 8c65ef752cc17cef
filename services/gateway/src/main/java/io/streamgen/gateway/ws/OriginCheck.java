package io.streamgen.gateway.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.streamgen.gateway.auth.Authenticator;
import io.streamgen.gateway.auth.FrontDoor;
import io.streamgen.gateway.auth.OriginRules;
import io.streamgen.gateway.limits.ClientLimits;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * A browser opens /stream only from an allowed origin ({@code streamgen.gateway.websocket.allowed-origins})
 * or the gateway's own (403 otherwise), auth on or off; a request without an Origin is not a browser
 * and passes. Credentials were checked by {@link FrontDoor} before the upgrade got here; this checks
 * again (a 401 here means a route was added ahead of the door) and takes one of the client's stream
 * slots (429 when it has them all open), given back when the socket closes.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    /** The client a socket's stream slot is counted for. */
    static final UserData.TypedKey<String> CLIENT = UserData.TypedKey.forString(FrontDoor.CLIENT);

    @Inject
    OriginRules origins;

    @Inject
    Authenticator authenticator;

    @Inject
    ClientLimits limits;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!origins.webSocketOrigin(request)) {
            return CheckResult.rejectUpgrade(403);
        }
        String client = "address:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        if (authenticator.enabled()) {
            Cookie session = request.getCookie(authenticator.cookieName());
            var principal = authenticator.principal(request.getHeader("Authorization"),
                    session == null ? null : session.getValue());
            if (principal.isEmpty()) {
                return CheckResult.rejectUpgrade(401);
            }
            client = "principal:" + principal.get();
        }
        if (!limits.openStream(client)) {
            return CheckResult.rejectUpgrade(429, Map.of("Retry-After", List.of("5")));
        }
        context.userData().put(CLIENT, client);
        return CheckResult.permitUpgrade();
    }
}
