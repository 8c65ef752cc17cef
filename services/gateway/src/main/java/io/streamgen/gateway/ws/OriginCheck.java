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
import java.util.Optional;

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
    /** Who opened the socket (auth on): {@code requestedBy} of its interventions. */
    static final UserData.TypedKey<String> PRINCIPAL = UserData.TypedKey.forString(FrontDoor.PRINCIPAL);

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
        String address = "address:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        if (!authenticator.enabled()) {
            return admit(context, address, null);
        }
        Cookie session = request.getCookie(authenticator.cookieName());
        return authenticator.principal(request.getHeader("Authorization"), session == null ? null : session.getValue())
                .onFailure(Authenticator.IssuerUnavailableException.class).recoverWithItem(Optional.empty())
                .flatMap(principal -> principal.isEmpty() ? CheckResult.rejectUpgrade(401)
                        : admit(context, "principal:" + principal.get(), principal.get()));
    }

    private Uni<CheckResult> admit(HttpUpgradeContext context, String client, String principal) {
        if (!limits.openStream(client)) {
            return CheckResult.rejectUpgrade(429, Map.of("Retry-After", List.of("5")));
        }
        if (principal != null) {
            context.userData().put(PRINCIPAL, principal);
        }
        context.userData().put(CLIENT, client);
        return CheckResult.permitUpgrade();
    }
}
