package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamgen.gateway.support.CoordinatorStub;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth on, one door: every surface (REST reads, SSE, the WebSocket, the preview) answers 401 problem
 * without credentials and works with a token or the dashboard's session; only the dashboard's files,
 * the login, health and metrics stay open. Also: unknown Host names (421), tokens in URLs (400), the
 * cookie's Secure flag behind a TLS proxy, the gateway's secret towards the coordinator, and no token
 * in the log (access log on).
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
@TestProfile(OneDoorIT.OneDoor.class)
class OneDoorIT {

    static final String TOKEN = "door-s3cret-alice-7f3a";
    static final String WRONG = "wrong-s3cret-9c1e";
    static final String COORDINATOR_SECRET = "coordinator-s3cret-42b8";
    /** A file of this run's own: the log file is appended to, run after run. */
    static final Path LOG = Path.of("target", "one-door-it-" + ProcessHandle.current().pid() + ".log");

    /** Auth on, a proxy in front (X-Forwarded-Proto believed), access log and a log file to search. */
    public static class OneDoor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("streamgen.gateway.auth.enabled", "true"),
                    Map.entry("streamgen.gateway.auth.tokens", "alice=" + TOKEN),
                    Map.entry("streamgen.coordinator.api.secret", COORDINATOR_SECRET),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.access-log.enabled", "true"),
                    Map.entry("quarkus.log.file.enabled", "true"),
                    Map.entry("quarkus.log.file.path", LOG.toString()),
                    Map.entry("quarkus.log.category.\"io.streamgen\".level", "DEBUG"));
        }
    }

    private static final String ID = CoordinatorStub.GENERATION;
    /** Every read surface of one generation, and the streams. */
    private static final List<String> READS = List.of("/api/generations", "/api/generations/" + ID,
            "/api/generations/" + ID + "/files", "/api/generations/" + ID + "/files/public/app.js",
            "/api/generations/" + ID + "/archive.zip", "/api/generations/" + ID + "/checkpoints",
            "/api/generations/" + ID + "/checkpoints/1", "/api/generations/" + ID + "/checkpoints/1/diff/2",
            "/api/generations/" + ID + "/events", "/api/stream-generation", "/preview/" + ID + "/",
            "/preview/" + ID + "/app.js", "/api/generations/" + ID + "/preview", "/stream", "/no/such/thing");

    private static CoordinatorStub coordinator;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startCoordinator() {
        coordinator = CoordinatorStub.start(47081).requireSecret(COORDINATOR_SECRET);
    }

    @AfterAll
    static void stopCoordinator() {
        coordinator.close();
    }

    @Test
    void shouldAnswerEverySurfaceWithoutCredentialsWith401Problem() {
        for (String path : READS) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer")).body("status", equalTo(401));
            given().header("Authorization", "Bearer " + WRONG).get(path).then().statusCode(401);
        }
        given().post("/api/generations/" + ID + "/preview").then().statusCode(401);
        given().delete("/api/generations/" + ID + "/preview").then().statusCode(401);
        given().contentType("application/json").body("{\"action\":\"PAUSE\"}")
                .post("/api/generations/" + ID + "/interventions").then().statusCode(401);
    }

    @Test
    void shouldServeReadsWithATokenAndSendTheCoordinatorSecret() {
        given().auth().oauth2(TOKEN).get("/api/generations/" + ID).then().statusCode(200).body("status", equalTo("RUNNING"));
        given().auth().oauth2(TOKEN).get("/api/generations/" + ID + "/files/public/app.js").then().statusCode(200);
        given().auth().oauth2(TOKEN).get("/api/generations/" + ID + "/archive.zip").then().statusCode(200);
        given().auth().oauth2(TOKEN).get("/api/generations/" + ID + "/checkpoints").then().statusCode(200);
        given().auth().oauth2(TOKEN).get("/preview/" + ID + "/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("sandbox"));
        given().auth().oauth2(TOKEN).get("/api/generations/" + ID + "/preview").then().statusCode(200);
    }

    @Test
    void shouldServeReadsStreamsAndTheSocketWithTheDashboardSession() throws Exception {
        String session = given().auth().oauth2(TOKEN).post("/api/session").then().statusCode(200).extract()
                .cookie("streamgen_session");
        given().cookie("streamgen_session", session).get("/api/generations/" + ID + "/files").then().statusCode(200);
        given().cookie("streamgen_session", session).get("/preview/" + ID + "/app.js").then().statusCode(200);
        assertThat(sse("/api/stream-generation", "Cookie", "streamgen_session=" + session)).isEqualTo(200);
        assertThat(sse("/api/stream-generation", "Authorization", "Bearer " + TOKEN)).isEqualTo(200);

        URI stream = URI.create(root.toString().replaceFirst("^http", "ws") + "stream");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", "streamgen_session=" + session)
                .buildAsync(stream, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(stream, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS)).rootCause().hasMessageContaining("401");
        // credentials do not lift the Origin rule: a page elsewhere cannot ride the user's session
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Cookie", "streamgen_session=" + session).header("Origin", "http://evil.example")
                .buildAsync(stream, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS)).rootCause().hasMessageContaining("403");
    }

    @Test
    void shouldKeepTheDashboardItsLoginHealthAndMetricsOpen() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/js/app.js").then().statusCode(200);
        given().get("/style.css").then().statusCode(200);
        given().get("/api/session").then().statusCode(200).body("authRequired", equalTo(true));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void shouldRefuseATokenInTheUrl() {
        given().get("/api/stream-generation?access_token=" + TOKEN).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("never go in a URL"));
        given().get("/stream?token=" + TOKEN).then().statusCode(400);
        given().auth().oauth2(TOKEN).get("/api/generations/" + ID + "?access_token=x").then().statusCode(400);
    }

    @Test
    void shouldRefuseAnUnknownHostEvenWithAToken() {
        given().header("Host", "rebind.evil.example:8080").auth().oauth2(TOKEN).get("/api/generations/" + ID).then()
                .statusCode(421).contentType("application/problem+json")
                .body("detail", containsString("streamgen.gateway.allowed-hosts"));
        given().header("Host", "rebind.evil.example").get("/").then().statusCode(421);
    }

    @Test
    void shouldRefuseSessionMutationsFromAnOriginThatOnlyMatchesTheHostHeader() {
        String session = given().auth().oauth2(TOKEN).post("/api/session").then().extract().cookie("streamgen_session");
        // a rebinding page: Origin and Host agree with each other, but the host is not an allowed one
        given().header("Host", "localhost:" + root.getPort()).header("Origin", "http://evil.example:" + root.getPort())
                .cookie("streamgen_session", session).contentType("application/json").body("{\"action\":\"PAUSE\"}")
                .post("/api/generations/" + ID + "/interventions").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Origin", "http://localhost:" + root.getPort()).cookie("streamgen_session", session)
                .contentType("application/json").body("{\"action\":\"PAUSE\"}")
                .post("/api/generations/" + ID + "/interventions").then().statusCode(202);
    }

    @Test
    void shouldMarkTheSessionCookieSecureOnlyWhenTheRequestCameOverTls() {
        given().auth().oauth2(TOKEN).header("X-Forwarded-Proto", "https").post("/api/session").then().statusCode(200)
                .header("Set-Cookie", containsString("Secure")).header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"));
        given().auth().oauth2(TOKEN).post("/api/session").then().statusCode(200)
                .header("Set-Cookie", not(containsString("Secure")));
    }

    @Test
    void shouldWriteNoTokenSessionOrSecretToTheLog() throws Exception {
        String session = given().auth().oauth2(TOKEN).post("/api/session").then().extract().cookie("streamgen_session");
        given().auth().oauth2(TOKEN).get("/api/generations/" + ID).then().statusCode(200);
        given().auth().oauth2(WRONG).get("/api/generations/" + ID).then().statusCode(401);
        given().auth().oauth2(WRONG).post("/api/session").then().statusCode(401);
        given().cookie("streamgen_session", session).get("/api/generations/" + ID + "/files").then().statusCode(200);
        given().cookie("streamgen_session", WRONG).get("/api/generations/" + ID + "/files").then().statusCode(401);
        given().get("/api/generations/" + ID + "?access_token=" + TOKEN).then().statusCode(400);
        given().auth().oauth2(TOKEN).contentType("application/json").body("{\"prompt\": \"log probe\"}")
                .post("/api/generations").then().statusCode(202);

        Thread.sleep(500); // the access log is written after the response (its pattern is application.properties')
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).contains("GET /api/generations/" + ID); // the access log is on: this test sees it
        assertThat(log).doesNotContain(TOKEN).doesNotContain(WRONG).doesNotContain(session)
                .doesNotContain(COORDINATOR_SECRET);
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
