package io.streamgen.gateway.auth;

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

/**
 * Who is calling: a configured bearer token ({@code streamgen.gateway.auth.tokens}, each
 * {@code name=secret} or a bare secret) or a dashboard session made from one. Off unless
 * {@code streamgen.gateway.auth.enabled}. Sessions live in memory for 12 hours.
 */
@ApplicationScoped
public class Authenticator {

    private static final Duration SESSION_TTL = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    private final boolean enabled;
    private final Map<String, byte[]> tokens = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String cookieName;

    private record Session(String principal, long expiresAt) {
    }

    Authenticator(GatewayConfig config) {
        this.enabled = config.auth().enabled();
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
        if (enabled && tokens.isEmpty()) {
            throw new IllegalStateException("streamgen.gateway.auth.enabled is set but no streamgen.gateway.auth.tokens are");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public String cookieName() {
        return cookieName;
    }

    /** The principal of an {@code Authorization: Bearer …} header value. */
    public Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> token : tokens.entrySet()) {
            if (MessageDigest.isEqual(token.getValue(), given)) {
                return Optional.of(token.getKey());
            }
        }
        return Optional.empty();
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

    public Optional<String> principal(String authorization, String sessionId) {
        Optional<String> byToken = bearer(authorization);
        return byToken.isPresent() ? byToken : session(sessionId);
    }

    /** A new session for {@code principal}; its id goes in an HttpOnly cookie. */
    public String newSession(String principal) {
        if (sessions.size() >= MAX_SESSIONS) {
            long now = System.currentTimeMillis();
            sessions.values().removeIf(s -> s.expiresAt() < now);
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(sessionId, new Session(principal, System.currentTimeMillis() + SESSION_TTL.toMillis()));
        return sessionId;
    }

    public void endSession(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public long sessionSeconds() {
        return SESSION_TTL.toSeconds();
    }
}
