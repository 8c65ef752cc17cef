package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.support.CoordinatorStub;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** State, files, checkpoints, the zip and the preview, relayed from a stub coordinator. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class StateApiIT {

    private static final String ID = CoordinatorStub.GENERATION;

    private static CoordinatorStub coordinator;

    @org.junit.jupiter.api.BeforeAll
    static void startCoordinator() {
        coordinator = CoordinatorStub.start(47081);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopCoordinator() {
        coordinator.close();
    }

    @Test
    void shouldRelayStateFilesAndCheckpoints() {
        given().get("/api/generations/" + ID).then().statusCode(200).body("status", equalTo("RUNNING"));
        given().get("/api/generations/" + ID + "/files").then().statusCode(200).body("path", hasSize(3));
        given().get("/api/generations/" + ID + "/files/public/app.js").then().statusCode(200)
                .body(equalTo("document.title = 'todo app';\n"));
        given().get("/api/generations/" + ID + "/checkpoints").then().statusCode(200)
                .body("[0].checkpointId", equalTo(1));
        given().get("/api/generations/" + ID + "/analytics").then().statusCode(200)
                .body("usage[0].tokens", equalTo(120)).body("phaseMillis.SKELETON", equalTo(1500));
        given().get("/api/generations/unknown/analytics").then().statusCode(404);
        given().get("/api/generations/unknown/files").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldZipTheFiles() throws Exception {
        byte[] zip = given().get("/api/generations/" + ID + "/archive.zip").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsEntry(ID + "/server.js", "import http from 'node:http';\n").hasSize(3);
    }

    @Test
    void shouldServeThePreviewInASandbox() {
        given().get("/preview/" + ID + "/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("sandbox allow-scripts"))
                .body(containsString("<title>todo</title>"));
        given().get("/preview/" + ID + "/app.js").then().statusCode(200)
                .contentType(containsString("text/javascript"));
        given().get("/preview/" + ID + "/missing.css").then().statusCode(404);
    }
}
