package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamgen.gateway.support.LocalIssuer;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OIDC on, its issuer down (a loopback port nobody listens on) from the start: the gateway starts and
 * answers; an OIDC token gets a 503 problem (the issuer could not be asked, try again), not a 500;
 * static tokens, health and the dashboard's files are untouched.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
@TestProfile(OidcIssuerDownIT.IssuerDown.class)
class OidcIssuerDownIT {

    static final String STATIC = "static-s3cret-carol-0b7e";

    public static class IssuerDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamgen.gateway.auth.enabled", "true", "streamgen.gateway.auth.tokens", "carol=" + STATIC,
                    "streamgen.gateway.auth.oidc.enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + closedPort() + "/issuer");
        }
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldAnswerAnOidcTokenWith503AndKeepStaticTokensWorking() {
        String token = LocalIssuer.token(LocalIssuer.newKey("k1"), "http://127.0.0.1:1/issuer", "dave", null,
                Duration.ofMinutes(10));
        for (int i = 0; i < 2; i++) { // the first request retries the discovery, so does the next
            given().auth().oauth2(token).get("/api/generations").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("status", equalTo(503)).body("detail", containsString("OIDC issuer"));
        }
        given().auth().oauth2(token).post("/api/session").then().statusCode(503)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/api/generations").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(STATIC).get("/api/generations").then().statusCode(200);
        given().get("/api/generations").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/").then().statusCode(200);
    }
}
