package io.streamgen.gateway.auth;

import io.smallrye.mutiny.Uni;
import io.streamgen.gateway.api.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's session: {@code POST /api/session} with a bearer token (static, or with OIDC on an
 * issuer's access token: the session then ends when the token does) sets an HttpOnly,
 * SameSite=Strict cookie (Secure over TLS), so the page never puts a token in a URL (EventSource cannot
 * send headers).
 */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    Authenticator authenticator;

    @GET
    public Uni<Map<String, Object>> current(@Context HttpHeaders headers) {
        if (!authenticator.enabled()) {
            return Uni.createFrom().item(Map.of("authRequired", false, "authenticated", true));
        }
        return authenticator.principal(headers.getHeaderString(HttpHeaders.AUTHORIZATION), cookie(headers))
                .onFailure(Authenticator.IssuerUnavailableException.class).recoverWithItem(Optional.empty())
                .map(who -> Map.of("authRequired", true, "authenticated", who.isPresent()));
    }

    /** A static token or (OIDC on) an issuer's access token for a session; 401, or 503 when the issuer is unreachable. */
    @POST
    public Uni<Response> login(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest request) {
        if (!authenticator.enabled()) {
            return Uni.createFrom().item(Response.ok(Map.of("authRequired", false)).build());
        }
        return authenticator.bearer(authorization)
                .onFailure(Authenticator.IssuerUnavailableException.class)
                .transform(e -> new ProblemException(503, "Service Unavailable", e.getMessage()))
                .map(found -> {
                    Authenticator.Caller caller = found.orElseThrow(
                            () -> new ProblemException(401, "Unauthorized", "a valid bearer token is required"));
                    String id = authenticator.newSession(caller);
                    long seconds = Math.max(1, (authenticator.sessionEnd(caller) - System.currentTimeMillis()) / 1000);
                    NewCookie cookie = new NewCookie.Builder(authenticator.cookieName()).value(id).path("/")
                            .httpOnly(true).secure(secure(request)).sameSite(NewCookie.SameSite.STRICT)
                            .maxAge((int) seconds).build();
                    return Response.ok(Map.of("principal", caller.principal())).cookie(cookie).build();
                });
    }

    @DELETE
    public Response logout(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        authenticator.endSession(cookie(headers));
        NewCookie expired = new NewCookie.Builder(authenticator.cookieName()).value("").path("/").httpOnly(true)
                .secure(secure(request)).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().cookie(expired).build();
    }

    /**
     * Over TLS, or behind a proxy that says it terminated TLS ({@code X-Forwarded-Proto: https}, believed
     * only with {@code quarkus.http.proxy.proxy-address-forwarding} and {@code allow-x-forwarded}), the
     * cookie is {@code Secure}: a browser then never sends it over plain HTTP.
     */
    static boolean secure(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }

    private String cookie(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(authenticator.cookieName());
        return cookie == null ? null : cookie.getValue();
    }
}
