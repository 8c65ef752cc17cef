package io.streamgen.gateway.auth;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.streamgen.gateway.api.Problem;
import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.limits.ClientLimits;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's one door: a Vert.x route ahead of everything else (REST, SSE, the WebSocket upgrade,
 * the preview, static files), so that no surface can forget a check. In order: the Host must be an
 * allowed one (421, against DNS rebinding); no credentials in a URL (400); a body over the cap is a
 * 413 problem, not Vert.x's bare 413; with auth on, a bearer token (a static one, or with OIDC on an
 * issuer's JWT: 503 when the issuer cannot be asked) or the dashboard's session (401 otherwise) except
 * for the dashboard's static files, {@code /api/session} and {@code /q/health}, {@code /q/metrics}; a cookie-authenticated mutating call from another origin is refused (403); then
 * the client's request rate and open streams (429 with Retry-After).
 */
@ApplicationScoped
public class FrontDoor {

    /** Routing-context keys: who is calling (only when authenticated), and how ({@code Bearer} or {@code Session}). */
    public static final String PRINCIPAL = "streamgen.principal";
    public static final String SCHEME = "streamgen.auth-scheme";
    /** The key the per-client limits count under: {@code principal:NAME} or {@code address:IP}. */
    public static final String CLIENT = "streamgen.client";

    /** Before Quarkus's own body-size check (its bare 413). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    /** Query parameters that would carry a credential in a URL (and so in logs, history and Referer). */
    static final Set<String> URL_CREDENTIALS = Set.of("access_token", "token", "bearer", "api_key", "session");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> STATIC = Set.of("/", "/index.html", "/style.css", "/favicon.ico");

    @Inject
    Authenticator authenticator;

    @Inject
    ClientLimits limits;

    @Inject
    OriginRules origins;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBody;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = rc.normalizedPath();
        String host = request.getHeader(HttpHeaders.HOST);
        if (!origins.hosts().allows(host == null ? request.host() : host)) {
            refuse(rc, 421, "Misdirected Request", "this gateway does not answer to the host "
                    + quoted(host == null ? request.host() : host) + " (streamgen.gateway.allowed-hosts)");
            return;
        }
        for (String name : URL_CREDENTIALS) {
            if (request.getParam(name) != null) {
                refuse(rc, 400, "Bad Request", "credentials never go in a URL (it ends up in logs and browser history):"
                        + " send Authorization: Bearer … or use the dashboard's session cookie");
                return;
            }
        }
        long cap = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length, cap)) {
            limits.refused("body");
            refuse(rc, 413, "Content Too Large", "the request body is over " + cap
                    + " bytes (quarkus.http.limits.max-body-size)");
            return;
        }
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        boolean mutating = !READS.contains(request.method());
        if (authenticator.enabled() && !open(request.method(), path, preflight)) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            Optional<String> byStatic = authenticator.staticBearer(authorization);
            if (byStatic.isPresent() || authorization == null) {
                admit(rc, byStatic.map(name -> new Authenticator.Caller(name, Long.MAX_VALUE)), mutating);
                return;
            }
            // an OIDC token may need the issuer (its JWKS): hold the body until the answer, back on this context
            Context context = Vertx.currentContext();
            boolean paused = !request.isEnded();
            if (paused) {
                request.pause();
            }
            authenticator.bearer(authorization).subscribe().with(
                    caller -> onContext(context, () -> {
                        if (paused) {
                            request.resume();
                        }
                        admit(rc, caller, mutating);
                    }),
                    failure -> onContext(context, () -> {
                        if (paused) {
                            request.resume();
                        }
                        if (failure instanceof Authenticator.IssuerUnavailableException) {
                            // each such request asks the issuer again: they count against the address, as failures do
                            OptionalLong guessing = limits.request("address:" + remote(request));
                            if (guessing.isPresent()) {
                                tooMany(rc, guessing.getAsLong(), "over the request rate for one client"
                                        + " (streamgen.gateway.limits.requests-per-minute)");
                                return;
                            }
                            rc.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
                            refuse(rc, 503, "Service Unavailable", failure.getMessage());
                        } else {
                            rc.fail(failure);
                        }
                    }));
            return;
        }
        if (!authenticator.enabled() && mutating && !origins.ownOrCorsOrigin(request)) {
            // auth off: no cookie to steal, but a page elsewhere must not start or steer generations
            refuse(rc, 403, "Forbidden", "a browser may call this gateway only from its own origin"
                    + " or one in quarkus.http.cors.origins");
            return;
        }
        proceed(rc, null);
    }

    /** With auth on: the bearer's caller, else the session's; 401, or 403 for a session from another origin. */
    private void admit(RoutingContext rc, Optional<Authenticator.Caller> byToken, boolean mutating) {
        HttpServerRequest request = rc.request();
        Optional<String> who = byToken.map(Authenticator.Caller::principal);
        if (who.isEmpty()) {
            Cookie cookie = request.getCookie(authenticator.cookieName());
            who = authenticator.session(cookie == null ? null : cookie.getValue());
        }
        if (who.isEmpty()) {
            OptionalLong guessing = limits.request("address:" + remote(request));
            if (guessing.isPresent()) { // failed attempts count against the address: no token guessing at full speed
                tooMany(rc, guessing.getAsLong(), "over the request rate for one client"
                        + " (streamgen.gateway.limits.requests-per-minute)");
                return;
            }
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"streamgen\"");
            refuse(rc, 401, "Unauthorized", "a bearer token or a dashboard session is required");
            return;
        }
        if (byToken.isEmpty() && mutating && !origins.ownOrigin(request)) {
            refuse(rc, 403, "Forbidden", "a session may only be used from the dashboard's origin");
            return;
        }
        rc.put(PRINCIPAL, who.get());
        rc.put(SCHEME, byToken.isPresent() ? "Bearer" : "Session");
        proceed(rc, who.get());
    }

    /** The client's limits, then the next handler. */
    private void proceed(RoutingContext rc, String principal) {
        HttpServerRequest request = rc.request();
        String path = rc.normalizedPath();
        String client = principal != null ? "principal:" + principal : "address:" + remote(request);
        rc.put(CLIENT, client);
        if (path.startsWith("/q/")) {
            rc.next(); // probes and scrapes are not rate limited
            return;
        }
        OptionalLong wait = limits.request(client);
        if (wait.isPresent()) {
            tooMany(rc, wait.getAsLong(), "over the request rate for one client"
                    + " (streamgen.gateway.limits.requests-per-minute)");
            return;
        }
        if (sse(request.method(), path)) {
            if (!limits.openStream(client)) {
                tooMany(rc, 5, "too many open streams for one client (streamgen.gateway.limits.streams-per-client)");
                return;
            }
            rc.addEndHandler(done -> limits.closeStream(client));
        }
        rc.next();
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** What stays open with auth on: the dashboard's page and files (its login), the login itself, health, metrics. */
    static boolean open(HttpMethod method, String path, boolean preflight) {
        if (preflight || path.equals("/api/session")) {
            return true;
        }
        if (path.equals("/q/health") || path.startsWith("/q/health/") || path.equals("/q/metrics")
                || path.startsWith("/q/metrics/")) {
            return true;
        }
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return read && (STATIC.contains(path) || path.startsWith("/js/"));
    }

    /** The event streams a client holds open: SSE of one generation and the firehose (the WebSocket is counted at its upgrade). */
    static boolean sse(HttpMethod method, String path) {
        return method == HttpMethod.GET && (path.equals("/api/stream-generation")
                || path.startsWith("/api/generations/") && path.endsWith("/events"));
    }

    static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static boolean tooLong(String length, long cap) {
        try {
            return Long.parseLong(length.trim()) > cap;
        } catch (NumberFormatException e) {
            return false; // Vert.x answers a malformed length itself
        }
    }

    private static void tooMany(RoutingContext rc, long seconds, String detail) {
        rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        refuse(rc, 429, "Too Many Requests", detail);
    }

    /** Answers with a problem detail and ends the exchange here. */
    static void refuse(RoutingContext rc, int status, String title, String detail) {
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("instance", rc.normalizedPath());
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == 413 || status == 421) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close"); // the rest of the body is not read
        }
        rc.response().end(problem.encode());
    }

    private static String quoted(String host) {
        String shown = host == null ? "" : host.length() > 100 ? host.substring(0, 100) + "…" : host;
        return "\"" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
    }
}
