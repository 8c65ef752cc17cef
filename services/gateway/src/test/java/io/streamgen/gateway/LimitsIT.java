package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-client limits with auth on (one principal per test, so that the tests do not share a budget):
 * a client hammered into 429 with Retry-After while another still gets 200, open streams, generations
 * in flight, and body and prompt sizes, each a problem detail and never a 5xx; refusals are counted.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
@TestProfile(LimitsIT.Limited.class)
class LimitsIT {

    /** Small limits, a small body cap. */
    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamgen.gateway.auth.enabled", "true",
                    "streamgen.gateway.auth.tokens", "hammer=t-hammer,calm=t-calm,streamer=t-streamer,starter=t-starter,big=t-big",
                    "streamgen.gateway.limits.requests-per-minute", "20",
                    "streamgen.gateway.limits.streams-per-client", "2",
                    "streamgen.gateway.limits.generations-in-flight-per-client", "2",
                    "quarkus.http.limits.max-body-size", "128K");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldAnswerAHammeringClient429WhileAnotherStillGets200() {
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 30; i++) {
            Response response = given().auth().oauth2("t-hammer").get("/api/generations");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertThat(statuses).contains(200, 429).allMatch(s -> s == 200 || s == 429);
        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.jsonPath().getString("detail")).contains("requests-per-minute");

        given().auth().oauth2("t-calm").get("/api/generations").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200); // probes are not rate limited
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("streamgen_gateway_limits_refused_total{limit=\"requests\"}"));
    }

    @Test
    void shouldSlowDownTokenGuessingFromOneAddress() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(given().auth().oauth2("guess-" + i).get("/api/generations").statusCode());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 30)).containsOnly(429);
        given().auth().oauth2("t-calm").get("/api/generations").then().statusCode(200); // a principal has its own budget
    }

    @Test
    void shouldRefuseAThirdOpenStreamAndGiveTheSlotBackWhenOneCloses() throws Exception {
        HttpResponse<InputStream> first = sse("t-streamer");
        HttpResponse<InputStream> second = sse("t-streamer");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        HttpResponse<InputStream> third = sse("t-streamer");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        third.body().close();
        URI stream = URI.create(root.toString().replaceFirst("^http", "ws") + "stream");
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer t-streamer")
                .buildAsync(stream, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS)).rootCause().hasMessageContaining("429");

        first.body().close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    HttpResponse<InputStream> again = sse("t-streamer");
                    again.body().close();
                    return again.statusCode() == 200;
                });
        second.body().close();
    }

    @Test
    void shouldRefuseAThirdGenerationInFlight() {
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2("t-starter").contentType("application/json").body("{\"prompt\": \"todo app\"}")
                    .post("/api/generations").then().statusCode(202);
        }
        given().auth().oauth2("t-starter").contentType("application/json").body("{\"prompt\": \"todo app\"}")
                .post("/api/generations").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "30").body("detail", containsString("still running"));
        given().auth().oauth2("t-calm").contentType("application/json").body("{\"prompt\": \"todo app\"}")
                .post("/api/generations").then().statusCode(202);
    }

    @Test
    void shouldAnswerTooLargeBodiesAndPromptsWithProblems() {
        given().auth().oauth2("t-big").contentType("application/json")
                .body("{\"prompt\": \"" + "x".repeat(200 * 1024) + "\"}").post("/api/generations").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413))
                .body("detail", containsString("max-body-size"));
        given().auth().oauth2("t-big").contentType("application/json")
                .body("{\"prompt\": \"" + "x".repeat(70 * 1024) + "\"}").post("/api/generations").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("prompt"));
        given().get("/q/metrics").then().body(containsString("streamgen_gateway_limits_refused_total{limit=\"body\"}"));
    }

    /**
     * A chunked body has no length to check up front: Quarkus counts it as it comes and answers its own
     * bare 413 (no problem body). Still a 413, never a 5xx.
     */
    @Test
    void shouldAnswerATooLargeChunkedBodyWith413() throws Exception {
        byte[] body = ("{\"prompt\": \"" + "x".repeat(200 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + "api/generations"))
                    .header("Authorization", "Bearer t-big").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closed) {
            return; // the connection was closed while the body was still going up: refused, and no 5xx
        }
        assertThat(response.statusCode()).isEqualTo(413);
    }

    private HttpResponse<InputStream> sse(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + "api/stream-generation"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
