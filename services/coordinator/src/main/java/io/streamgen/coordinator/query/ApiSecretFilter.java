package io.streamgen.coordinator.query;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The interactive queries ({@code /generations/**}) answer only callers that hold the API secret
 * ({@code streamgen.coordinator.api.secret}, env STREAMGEN_COORDINATOR_API_SECRET): the gateway and
 * the coordinator's own instances relaying to the owner. It comes as {@code Authorization: Bearer …}
 * and is compared in constant time; anything else is a 401 problem. Every path but {@code /actuator/**}
 * (probes, metrics) is covered, so a new endpoint cannot be left open by mistake. Unset (empty): no check, for a stack on loopback only.
 */
@Component
public class ApiSecretFilter extends OncePerRequestFilter {

    private final Optional<byte[]> secret;

    public ApiSecretFilter(@Value("${streamgen.coordinator.api.secret:}") String secret) {
        this.secret = secret == null || secret.isBlank() ? Optional.empty()
                : Optional.of(secret.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} value that carries the secret, for this instance's relays; empty when unset. */
    public Optional<String> authorization() {
        return secret.map(s -> "Bearer " + new String(s, StandardCharsets.UTF_8));
    }

    /** Closed by default: only the actuator (health, metrics) is open; the servlet path is already decoded and normalised. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return secret.isEmpty() || path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (holdsSecret(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"streamgen-coordinator\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"the coordinator's query API needs its API secret (STREAMGEN_COORDINATOR_API_SECRET)"
                + " as Authorization: Bearer\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
    }

    boolean holdsSecret(String authorization) {
        if (secret.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(secret.get(), authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
