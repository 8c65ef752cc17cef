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
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.topic.Topics;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Auth on: tokens for mutating calls and streams, a session cookie for the dashboard, CORS configured. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
@TestProfile(AuthIT.AuthOn.class)
class AuthIT {

    /** Auth on with one token; CORS for one other origin. */
    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamgen.gateway.auth.enabled", "true", "streamgen.gateway.auth.tokens", "alice=s3cret",
                    "quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", "http://tools.example");
        }
    }

    @TestHTTPResource("/stream")
    URL stream;

    @Test
    void shouldRequireATokenForMutatingCallsAndStreams() {
        given().contentType("application/json").body("{\"prompt\": \"x\"}").post("/api/generations").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().contentType("application/json").header("Authorization", "Bearer wrong").body("{\"prompt\": \"x\"}")
                .post("/api/generations").then().statusCode(401);
        given().get("/api/generations/g-1/events").then().statusCode(401);
        given().get("/api/generations").then().statusCode(401); // everyone's prompts, as the firehose shows them
        given().header("Authorization", "Bearer s3cret").get("/api/generations").then().statusCode(200);
        given().get("/").then().statusCode(200);

        String id = TestEvents.newId("auth");
        given().contentType("application/json").header("Authorization", "Bearer s3cret")
                .body("{\"generationId\": \"" + id + "\", \"prompt\": \"x\"}").post("/api/generations").then().statusCode(202);
        GenerationRequested request = TestKafka.shared().client().awaitValues(Topics.REQUESTS, id, 1).get(0);
        assertThat(request.getRequestedBy()).isEqualTo("alice");
    }

    @Test
    void shouldGiveTheDashboardAnHttpOnlySessionCookie() {
        given().post("/api/session").then().statusCode(401);
        Response login = given().header("Authorization", "Bearer s3cret").post("/api/session");
        login.then().statusCode(200).body("principal", equalTo("alice"))
                .header("Set-Cookie", containsString("HttpOnly")).header("Set-Cookie", containsString("SameSite=Strict"));
        String session = login.getCookie("streamgen_session");
        given().cookie("streamgen_session", session).get("/api/session").then().body("authenticated", equalTo(true));
        given().cookie("streamgen_session", session).contentType("application/json").body("{\"prompt\": \"y\"}")
                .post("/api/generations").then().statusCode(202);
        given().cookie("streamgen_session", session).header("Origin", "http://evil.example")
                .contentType("application/json").body("{\"prompt\": \"y\"}").post("/api/generations").then().statusCode(403);
    }

    @Test
    void shouldAnswerCorsPreflightsForConfiguredOrigins() {
        given().header("Origin", "http://tools.example").header("Access-Control-Request-Method", "POST")
                .options("/api/generations").then().header("Access-Control-Allow-Origin", "http://tools.example");
    }

    @Test
    void shouldRefuseAWebSocketWithoutCredentials() throws Exception {
        URI uri = URI.create(stream.toString().replaceFirst("^http", "ws"));
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
        }).get(10, TimeUnit.SECONDS)).rootCause().hasMessageContaining("401");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer s3cret")
                .buildAsync(uri, new WebSocket.Listener() {
                }).get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
}
