package io.streamgen.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A tiny OIDC issuer on loopback for tests: {@code /.well-known/openid-configuration} and a JWKS with
 * one RSA key made at start. Tokens are signed in the test ({@link #token}); the test and the
 * Quarkus app may live in different class loaders, so the issuer's URL and its signing key reach the
 * test as system properties ({@link #URL}, {@link #SIGNING_KEY}).
 */
public final class LocalIssuer implements AutoCloseable {

    public static final String URL = "streamgen.it.oidc.issuer";
    public static final String SIGNING_KEY = "streamgen.it.oidc.signing-key";

    private final HttpServer server;
    private final String url;
    private final RsaJsonWebKey key;

    private LocalIssuer(HttpServer server, RsaJsonWebKey key) {
        this.server = server;
        this.key = key;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
    }

    public static LocalIssuer start() {
        try {
            RsaJsonWebKey key = newKey("k1");
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            LocalIssuer issuer = new LocalIssuer(server, key);
            server.createContext("/issuer/.well-known/openid-configuration", exchange -> issuer.json(exchange, """
                    {"issuer": "%1$s", "jwks_uri": "%1$s/jwks", "id_token_signing_alg_values_supported": ["RS256"],
                     "subject_types_supported": ["public"], "response_types_supported": ["code"]}
                    """.formatted(issuer.url)));
            server.createContext("/issuer/jwks", exchange -> issuer.json(exchange,
                    new JsonWebKeySet(List.of(key)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return url;
    }

    public RsaJsonWebKey key() {
        return key;
    }

    /** A new RSA signing key with the given {@code kid}. */
    public static RsaJsonWebKey newKey(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key a {@link Resource} put in the system properties. */
    public static PublicJsonWebKey signingKey() {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(System.getProperty(SIGNING_KEY));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 access token: {@code iss}, {@code sub}, {@code aud} (unless null), {@code exp} from now, signed by {@code key}. */
    public static String token(PublicJsonWebKey key, String issuer, String subject, String audience, Duration expiresIn) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("preferred_username", subject + ".name");
        if (audience != null) {
            claims.setAudience(audience);
        }
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(Math.min(now, now + expiresIn.toSeconds() - 60)));
        claims.setExpirationTime(NumericDate.fromSeconds(now + expiresIn.toSeconds()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Starts an issuer before the app and points {@code quarkus.oidc.auth-server-url} at it. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        private LocalIssuer issuer;

        @Override
        public Map<String, String> start() {
            issuer = LocalIssuer.start();
            System.setProperty(URL, issuer.url());
            System.setProperty(SIGNING_KEY, issuer.key().toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            return Map.of("quarkus.oidc.auth-server-url", issuer.url());
        }

        @Override
        public void stop() {
            if (issuer != null) {
                issuer.close();
            }
            System.clearProperty(URL);
            System.clearProperty(SIGNING_KEY);
        }
    }
}
