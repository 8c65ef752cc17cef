package io.streamgen.gateway.auth;

import io.streamgen.gateway.api.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With auth on, mutating API calls, event streams and the list of everyone's generations (it shows
 * what the firehose shows: prompts and who asked) need a bearer token or the dashboard's
 * session cookie (401 problem otherwise); a cookie-authenticated mutating call must come from the
 * gateway's own origin. Reads of state and files, the dashboard and the preview stay open.
 */
public class AuthFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Authenticator authenticator;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!authenticator.enabled()) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        boolean stream = path.endsWith("/events") || path.startsWith("/api/stream-generation")
                || path.equals("/api/generations") || path.equals("/api/generations/");
        boolean mutating = !READS.contains(request.getMethod());
        if (!path.startsWith("/api/") || path.equals("/api/session") || !(stream || mutating)) {
            return Optional.empty();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookies().get(authenticator.cookieName());
        Optional<String> byToken = authenticator.bearer(authorization);
        Optional<String> principal = byToken.isPresent() ? byToken
                : authenticator.session(cookie == null ? null : cookie.getValue());
        if (principal.isEmpty()) {
            return Optional.of(Response.fromResponse(Problem.response(401, "Unauthorized",
                    "a bearer token or a dashboard session is required", path, null))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"streamgen\"").build());
        }
        if (byToken.isEmpty() && mutating && !sameOrigin(request)) {
            return Optional.of(Problem.response(403, "Forbidden", "a session may only be used from the dashboard's origin",
                    path, null));
        }
        String name = principal.get();
        boolean secure = request.getUriInfo().getRequestUri().getScheme().equals("https");
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return byToken.isPresent() ? "Bearer" : "Session";
            }
        });
        return Optional.empty();
    }

    private static boolean sameOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        String host = request.getHeaderString(HttpHeaders.HOST);
        return origin == null || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
