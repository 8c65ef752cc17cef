package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import org.junit.jupiter.api.Test;

/**
 * The preview API where the operator has not turned the runner on (the default): it says so, and
 * the dashboard falls back to the merged files served statically. The runner itself is shown by
 * {@code PreviewSandboxTest} and, with a real stack and Chromium, by {@code WholeSystemIT}.
 */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class PreviewApiIT {

    @Test
    void shouldSayThePreviewRunnerIsOffAndWhereTheStaticFilesAre() {
        given().get("/api/generations/gen-1/preview").then().statusCode(200)
                .body("enabled", equalTo(false)).body("staticUrl", equalTo("/preview/gen-1/"));
        given().post("/api/generations/gen-1/preview").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("STREAMGEN_PREVIEW_ENABLED=true"));
        given().delete("/api/generations/gen-1/preview").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseABadGenerationId() {
        given().get("/api/generations/bad%20id/preview").then().statusCode(400);
        given().post("/api/generations/" + "x".repeat(300) + "/preview").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
