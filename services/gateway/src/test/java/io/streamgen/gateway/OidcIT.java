package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.response.Response;
import io.streamgen.gateway.support.CoordinatorStub;
import io.streamgen.gateway.support.LocalIssuer;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.topic.Topics;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth on with OIDC beside a static token, against a local issuer ({@link LocalIssuer}, loopback, RSA
 * key made at start): an issuer's access token reads, streams, opens the WebSocket and becomes the
 * dashboard's session, its {@code sub} the principal; an expired one, one of another issuer, one signed
 * by another key and one for another audience are each the door's 401 problem; the static token still
 * works; no token reaches the log (access log on, OIDC's own log at DEBUG).
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
@TestProfile(OidcIT.Oidc.class)
class OidcIT {

    static final String STATIC = "static-s3cret-bob-51d2";
    static final String AUDIENCE = "streamgen-gateway";
    static final Path LOG = Path.of("target", "oidc-it-" + ProcessHandle.current().pid() + ".log");

    /** Auth on: one static token, OIDC from the local issuer with an audience; the log to a file. */
    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("streamgen.gateway.auth.enabled", "true"),
                    Map.entry("streamgen.gateway.auth.tokens", "bob=" + STATIC),
                    Map.entry("streamgen.gateway.auth.oidc.enabled", "true"),
                    Map.entry("quarkus.oidc.token.audience", AUDIENCE),
                    Map.entry("quarkus.http.access-log.enabled", "true"),
                    Map.entry("quarkus.log.file.enabled", "true"),
                    Map.entry("quarkus.log.file.path", LOG.toString()),
                    Map.entry("quarkus.log.category.\"io.streamgen\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.oidc\".level", "DEBUG"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalIssuer.Resource.class));
        }
    }

    private static final String ID = CoordinatorStub.GENERATION;
    private static CoordinatorStub coordinator;
    /** Every token this test made, for the log check. */
    private static final List<String> ISSUED = new ArrayList<>();

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startCoordinator() {
        coordinator = CoordinatorStub.start(47081);
    }

    @AfterAll
    static void stopCoordinator() {
        coordinator.close();
    }

    private static String issuer() {
        return System.getProperty(LocalIssuer.URL);
    }

    private static String token(PublicJsonWebKey key, String issuer, String subject, String audience, Duration life) {
        String token = LocalIssuer.token(key, issuer, subject, audience, life);
        synchronized (ISSUED) {
            ISSUED.add(token);
        }
        return token;
    }

    private static String valid(String subject) {
        return token(LocalIssuer.signingKey(), issuer(), subject, AUDIENCE, Duration.ofMinutes(10));
    }

    @Test
    void shouldReadStateStreamAndOpenTheSocketWithAnIssuersToken() throws Exception {
        String token = valid("oidc-user-1");
        given().auth().oauth2(token).get("/api/generations/" + ID).then().statusCode(200)
                .body("status", equalTo("RUNNING"));
        given().auth().oauth2(token).get("/api/generations").then().statusCode(200);
        given().auth().oauth2(token).get("/preview/" + ID + "/app.js").then().statusCode(200);
        assertThat(sse("/api/stream-generation", "Authorization", "Bearer " + token)).isEqualTo(200);
        assertThat(sse("/api/generations/" + ID + "/events", "Authorization", "Bearer " + token)).isEqualTo(200);

        URI stream = URI.create(root.toString().replaceFirst("^http", "ws") + "stream");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(stream, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldNameTheCallerByTheTokensSubject() {
        String id = TestEvents.newId("oidc");
        given().auth().oauth2(valid("oidc-user-2")).contentType("application/json")
                .body("{\"generationId\": \"" + id + "\", \"prompt\": \"x\"}").post("/api/generations").then()
                .statusCode(202);
        GenerationRequested request = TestKafka.shared().client().awaitValues(Topics.REQUESTS, id, 1).get(0);
        assertThat(request.getRequestedBy()).isEqualTo("oidc-user-2"); // sub, not preferred_username
    }

    @Test
    void shouldNameTheSocketsCallerInItsInterventions() throws Exception {
        String id = TestEvents.newId("oidc-ws");
        URI stream = URI.create(root.toString().replaceFirst("^http", "ws") + "stream");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + valid("oidc-user-6")).buildAsync(stream, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"action\":\"intervene\",\"generationId\":\"" + id
                + "\",\"intervention\":{\"action\":\"pause\"}}", true).get(10, TimeUnit.SECONDS);
        Intervention pause = TestKafka.shared().client().awaitValues(Topics.CONTROL, id, 1).get(0);
        assertThat(pause.getRequestedBy()).isEqualTo("oidc-user-6"); // found at the upgrade, kept for the socket
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerABadTokenWithThe401Problem() {
        PublicJsonWebKey key = LocalIssuer.signingKey();
        Map<String, String> bad = Map.of(
                "expired", token(key, issuer(), "oidc-user-3", AUDIENCE, Duration.ofMinutes(-10)),
                "another issuer", token(key, "http://127.0.0.1:1/other-issuer", "oidc-user-3", AUDIENCE,
                        Duration.ofMinutes(10)),
                "another key, same kid", token(LocalIssuer.newKey(key.getKeyId()), issuer(), "oidc-user-3", AUDIENCE,
                        Duration.ofMinutes(10)),
                "another key, unknown kid", token(LocalIssuer.newKey("rogue"), issuer(), "oidc-user-3", AUDIENCE,
                        Duration.ofMinutes(10)),
                "another audience", token(key, issuer(), "oidc-user-3", "someone-else", Duration.ofMinutes(10)),
                "no audience", token(key, issuer(), "oidc-user-3", null, Duration.ofMinutes(10)),
                "not even a JWT", "aaaa.bbbb.cccc",
                "a JWS header over garbage", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        "{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + ".bbbb.cccc");
        bad.forEach((why, token) -> {
            for (String path : List.of("/api/generations/" + ID, "/api/generations")) {
                given().auth().oauth2(token).get(path).then().log().ifValidationFails().statusCode(401)
                        .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                        .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
            }
            given().auth().oauth2(token).post("/api/session").then().statusCode(401)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).get("/api/session").then().statusCode(200).body("authenticated", equalTo(false));
        });
        URI stream = URI.create(root.toString().replaceFirst("^http", "ws") + "stream");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + bad.get("expired")).buildAsync(stream, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS)).rootCause().hasMessageContaining("401");
    }

    @Test
    void shouldKeepTheStaticTokenBesideOidc() throws Exception {
        given().auth().oauth2(STATIC).get("/api/generations/" + ID).then().statusCode(200);
        assertThat(sse("/api/stream-generation", "Authorization", "Bearer " + STATIC)).isEqualTo(200);
        given().auth().oauth2(STATIC).post("/api/session").then().statusCode(200).body("principal", equalTo("bob"));
        given().auth().oauth2("wrong-" + STATIC).get("/api/generations/" + ID).then().statusCode(401);
        given().get("/api/generations/" + ID).then().statusCode(401);
    }

    @Test
    void shouldTurnAnIssuersTokenIntoTheDashboardSessionThatEndsWithIt() throws Exception {
        String token = token(LocalIssuer.signingKey(), issuer(), "oidc-user-4", AUDIENCE, Duration.ofMinutes(5));
        Response login = given().auth().oauth2(token).post("/api/session");
        login.then().statusCode(200).body("principal", equalTo("oidc-user-4"))
                .header("Set-Cookie", containsString("HttpOnly"));
        long maxAge = Long.parseLong(login.getHeader("Set-Cookie").replaceFirst("(?i).*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(200L, 300L); // the token's 5 minutes, not the 12 hours of a static token's session
        String session = login.getCookie("streamgen_session");
        given().cookie("streamgen_session", session).get("/api/session").then().body("authenticated", equalTo(true));
        given().cookie("streamgen_session", session).get("/api/generations/" + ID + "/files").then().statusCode(200);
        assertThat(sse("/api/stream-generation", "Cookie", "streamgen_session=" + session)).isEqualTo(200);
    }

    @Test
    void shouldWriteNoTokenToTheLog() throws Exception {
        shouldAnswerABadTokenWithThe401Problem();
        shouldTurnAnIssuersTokenIntoTheDashboardSessionThatEndsWithIt();
        given().auth().oauth2(valid("oidc-user-5")).get("/api/generations/" + ID).then().statusCode(200);
        given().auth().oauth2(STATIC).get("/api/generations/" + ID).then().statusCode(200);

        Thread.sleep(500); // the access log is written after the response
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).contains("GET /api/generations/" + ID); // the access log is on: this test sees it
        assertThat(log).doesNotContain(STATIC);
        List<String> tokens;
        synchronized (ISSUED) {
            tokens = List.copyOf(ISSUED);
        }
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(8);
        for (String token : tokens) {
            // neither the token nor its signature (the part that makes it a credential)
            assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    /** The status of an SSE request, read from its headers; the stream is closed at once. */
    private int sse(String path, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path))
                .header("Accept", "text/event-stream").header(header, value).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
