package io.streamgen.gateway.auth;

import io.streamgen.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which hosts and browser origins the gateway trusts: the host allow-list, its own origin (an allowed
 * host on the port the request arrived on, or a configured public origin), the WebSocket origin list
 * and the CORS origins. A request without an {@code Origin} is not from a browser page and passes.
 */
@ApplicationScoped
public class OriginRules {

    private final HostAllowList hosts;
    private final List<String> webSocketOrigins;
    private final List<String> corsOrigins;

    @Inject
    OriginRules(GatewayConfig config, @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean cors,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.hosts = new HostAllowList(config.allowedHosts(), host, config.publicOrigins().orElse(List.of()));
        this.webSocketOrigins = config.websocket().allowedOrigins();
        this.corsOrigins = cors ? corsOrigins.orElse(List.of()) : List.of();
    }

    public HostAllowList hosts() {
        return hosts;
    }

    /** Whether the request comes from no page at all or from a page of the gateway's own origin. */
    public boolean ownOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin == null || hosts.sameOrigin(origin, request.getHeader(HttpHeaders.HOST), localPort(request));
    }

    /** {@link #ownOrigin}, or one of the CORS origins the operator listed. */
    public boolean ownOrCorsOrigin(HttpServerRequest request) {
        return ownOrigin(request) || corsOrigins.contains(request.getHeader(HttpHeaders.ORIGIN));
    }

    /** Whether a WebSocket may be opened from the request's origin (auth on or off). */
    public boolean webSocketOrigin(HttpServerRequest request) {
        return ownOrigin(request) || webSocketOrigins.contains(request.getHeader(HttpHeaders.ORIGIN));
    }

    private static int localPort(HttpServerRequest request) {
        return request.localAddress() == null ? -1 : request.localAddress().port();
    }
}
