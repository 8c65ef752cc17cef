package io.streamgen.gateway.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.streamgen.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Who is calling: a configured bearer token ({@code streamgen.gateway.auth.tokens}, each
 * {@code name=secret} or a bare secret), with {@code streamgen.gateway.auth.oidc.enabled} an OIDC
 * access token (a JWT of {@code quarkus.oidc.auth-server-url}'s issuer, verified by Quarkus OIDC's
 * default tenant), or a dashboard session made from either. Off unless
 * {@code streamgen.gateway.auth.enabled}. Sessions live in memory for 12 hours, or until the OIDC
 * token they were made from expires.
 *
 * <p>An OIDC caller's principal is the token's {@code sub}: the one claim OIDC says is unique and never
 * reassigned within an issuer ({@code preferred_username} may change and need not be unique, and the
 * principal is what {@code requestedBy} and the per-client limits go by). {@code quarkus.oidc.token.principal-claim}
 * chooses another claim.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    private static final Duration SESSION_TTL = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;
    /** A compact JWS: three base64url parts. Anything else is not sent to the OIDC verifier at all. */
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** Who a credential names, and until when it is good (epoch millis; a static token: forever). */
    public record Caller(String principal, long expiresAt) {
    }

    /** The OIDC issuer could not be asked (down, unreachable, misconfigured): the door answers 503. */
    public static final class IssuerUnavailableException extends RuntimeException {
        IssuerUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean enabled;
    private final boolean oidc;
    /** Quarkus OIDC's default tenant (off unless {@code oidc}: application.properties ties the two). */
    private final TenantIdentityProvider oidcTenant;
    private final Optional<String> principalClaim;
    private final Map<String, byte[]> tokens = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String cookieName;

    private record Session(String principal, long expiresAt) {
    }

    Authenticator(GatewayConfig config, TenantIdentityProvider oidcTenant,
            @ConfigProperty(name = "quarkus.oidc.token.principal-claim") Optional<String> principalClaim) {
        this.enabled = config.auth().enabled();
        this.oidc = config.auth().oidc().enabled();
        this.oidcTenant = oidcTenant;
        this.principalClaim = principalClaim;
        this.cookieName = config.auth().cookieName();
        for (String entry : config.auth().tokens().orElse(List.of())) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            String name = eq > 0 ? trimmed.substring(0, eq) : "api-client-" + (tokens.size() + 1);
            String secret = eq > 0 ? trimmed.substring(eq + 1) : trimmed;
            if (!secret.isEmpty()) {
                tokens.put(name, secret.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (enabled && tokens.isEmpty() && !oidc) {
            throw new IllegalStateException("streamgen.gateway.auth.enabled is set but neither streamgen.gateway.auth.tokens"
                    + " nor streamgen.gateway.auth.oidc.enabled is");
        }
        if (oidc && !enabled) {
            throw new IllegalStateException("streamgen.gateway.auth.oidc.enabled is set but streamgen.gateway.auth.enabled"
                    + " is not: OIDC tokens are a kind of bearer token, and with auth off nothing asks for one");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public String cookieName() {
        return cookieName;
    }

    /**
     * The caller an {@code Authorization: Bearer …} header value names: a static token at once; else,
     * with OIDC on, a JWT verified against the issuer (its JWKS, {@code iss}, {@code exp}, the audience
     * if {@code quarkus.oidc.token.audience} is set). Empty when neither; fails with
     * {@link IssuerUnavailableException} when the issuer could not be asked.
     */
    public Uni<Optional<Caller>> bearer(String authorization) {
        String token = token(authorization);
        if (token == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Optional<String> known = staticToken(token);
        if (known.isPresent()) {
            return Uni.createFrom().item(Optional.of(new Caller(known.get(), Long.MAX_VALUE)));
        }
        if (!oidc || !jwt(token)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return oidcTenant.authenticate(new AccessTokenCredential(token))
                .map(identity -> Optional.of(caller(identity)))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof AuthenticationFailedException) {
                        LOG.debugf("an OIDC bearer token was refused (%s)", reason(failure));
                        return Uni.createFrom().item(Optional.<Caller>empty());
                    }
                    LOG.warnf("the OIDC issuer (quarkus.oidc.auth-server-url) could not verify a token: %s",
                            failure instanceof OIDCException ? failure.getMessage() : failure.getClass().getName());
                    return Uni.createFrom().failure(new IssuerUnavailableException(
                            "the OIDC issuer could not be reached to verify the token; try again later"));
                });
    }

    /** The principal of a configured static token in an {@code Authorization: Bearer …} header value. */
    public Optional<String> staticBearer(String authorization) {
        String token = token(authorization);
        return token == null ? Optional.empty() : staticToken(token);
    }

    private Optional<String> staticToken(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> entry : tokens.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), given)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * Why a token was refused, without the token: jose4j's messages quote it whole (which is also why
     * application.properties compiles Quarkus OIDC's DEBUG logging out), so only its error codes
     * (org.jose4j.jwt.consumer.ErrorCodes: 1 expired, 8 audience, 9 signature, 12 issuer, …) or the
     * exception types are given.
     */
    static String reason(Throwable failure) {
        StringBuilder kinds = new StringBuilder();
        for (Throwable t = failure; t != null && kinds.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                return "jose4j error codes " + invalid.getErrorDetails().stream().map(e -> e.getErrorCode())
                        .toList();
            }
            kinds.append(kinds.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
        }
        return kinds.toString();
    }

    /** A compact JWS whose header is a JSON object: the only thing worth the OIDC verifier's time. */
    static boolean jwt(String token) {
        if (!JWT.matcher(token).matches()) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8).trim();
            return header.startsWith("{") && header.endsWith("}") && header.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private Caller caller(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        long expiresAt = Long.MAX_VALUE;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            if (principalClaim.isEmpty() && jwt.getSubject() != null) {
                name = jwt.getSubject();
            }
            if (jwt.getExpirationTime() > 0) {
                expiresAt = jwt.getExpirationTime() * 1000;
            }
        }
        if (name == null || name.isBlank()) {
            throw new AuthenticationFailedException("the token names no principal");
        }
        return new Caller(name, expiresAt);
    }

    /** The principal of a session cookie's value. */
    public Optional<String> session(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null || session.expiresAt() < System.currentTimeMillis()) {
            if (session != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        return Optional.of(session.principal());
    }

    /** The principal of a bearer token, else of the session; see {@link #bearer}. */
    public Uni<Optional<String>> principal(String authorization, String sessionId) {
        return bearer(authorization).map(caller -> caller.map(Caller::principal).or(() -> session(sessionId)));
    }

    /** A new session for {@code caller}, ending when its credential does; its id goes in an HttpOnly cookie. */
    public String newSession(Caller caller) {
        if (sessions.size() >= MAX_SESSIONS) {
            long now = System.currentTimeMillis();
            sessions.values().removeIf(s -> s.expiresAt() < now);
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(sessionId, new Session(caller.principal(), sessionEnd(caller)));
        return sessionId;
    }

    /** Epoch millis: 12 hours from now, or the credential's expiry if sooner. */
    public long sessionEnd(Caller caller) {
        return Math.min(caller.expiresAt(), System.currentTimeMillis() + SESSION_TTL.toMillis());
    }

    public void endSession(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }
}
