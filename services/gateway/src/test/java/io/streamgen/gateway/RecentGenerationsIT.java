package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.hub.RecentReadBack;
import io.streamgen.gateway.recent.GenerationSummary;
import io.streamgen.gateway.recent.RecentGenerations;
import io.streamgen.gateway.support.CoordinatorStub;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.schema.Phase;
import io.streamgen.schema.event.PhaseState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/generations from what the gateway saw on the events topic, its start-up read-back, and checkpoint diffs. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class RecentGenerationsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static CoordinatorStub coordinator;

    @Inject
    RecentReadBack readBack;

    @BeforeAll
    static void startCoordinator() {
        coordinator = CoordinatorStub.start(47081);
    }

    @AfterAll
    static void stopCoordinator() {
        coordinator.close();
    }

    @Test
    void shouldListAGenerationProducedStraightToKafkaAndFollowItToItsEnd() {
        TestEvents events = new TestEvents(TestEvents.newId("listed"));
        events.started("an inventory app for the warehouse team", "platform-team");
        events.phase(Phase.SKELETON, PhaseState.STARTED);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/generations?limit=500").then().statusCode(200)
                .body("find { it.generationId == '" + events.id() + "' }.state", equalTo("running"))
                .body("find { it.generationId == '" + events.id() + "' }.phase", equalTo("SKELETON"))
                .body("find { it.generationId == '" + events.id() + "' }.requestedBy", equalTo("platform-team"))
                .body("find { it.generationId == '" + events.id() + "' }.prompt",
                        equalTo("an inventory app for the warehouse team")));
        events.completed();
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/generations?state=completed&limit=500").then()
                .body("find { it.generationId == '" + events.id() + "' }.state", equalTo("completed")));
        given().get("/api/generations?state=running&limit=500").then().statusCode(200)
                .body("find { it.generationId == '" + events.id() + "' }", equalTo(null));
    }

    @Test
    void shouldReadRecentGenerationsBackFromTheTopicAsARestartedGatewayDoes() {
        TestEvents events = new TestEvents(TestEvents.newId("read-back"));
        events.started("a timesheet app", "cli");
        events.phase(Phase.FEATURES, PhaseState.STARTED);

        RecentGenerations restarted = new RecentGenerations(1000);
        long read = readBack.load(restarted::apply, System.currentTimeMillis());

        assertThat(read).isPositive();
        List<GenerationSummary> listed = restarted.list(1000, null);
        GenerationSummary summary = listed.stream().filter(g -> g.generationId().equals(events.id())).findFirst()
                .orElseThrow(() -> new AssertionError(events.id() + " not read back; listed " + listed.size()));
        assertThat(summary.prompt()).isEqualTo("a timesheet app");
        assertThat(summary.requestedBy()).isEqualTo("cli");
        assertThat(summary.phase()).isEqualTo("FEATURES");
        assertThat(summary.state()).isEqualTo("running");
    }

    @Test
    void shouldAnswerBadListQueriesWith400() {
        for (String query : List.of("limit=0", "limit=abc", "limit=100000", "state=paused")) {
            given().get("/api/generations?" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(query.substring(0, query.indexOf('='))));
        }
        given().get("/api/generations").then().statusCode(200);
    }

    @Test
    void shouldDiffTwoCheckpointsFileByFile() {
        String id = TestEvents.newId("diffed");
        coordinator.checkpoint(id, 1, Map.of("server.js", "a\nb\n", "old.js", "x\n"))
                .checkpoint(id, 2, Map.of("server.js", "a\nB\n", "new.js", "y\n"));

        given().get("/api/generations/" + id + "/checkpoints/1/diff/2").then().statusCode(200)
                .body("from", equalTo(1)).body("to", equalTo(2))
                .body("files.path", equalTo(List.of("new.js", "old.js", "server.js")))
                .body("files.change", equalTo(List.of("added", "removed", "modified")))
                .body("files[2].diff", equalTo("--- a/server.js\n+++ b/server.js\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n \n"));
        given().get("/api/generations/" + id + "/checkpoints/2/diff/1").then().statusCode(200)
                .body("files[0].change", equalTo("removed"));
        given().get("/api/generations/" + id + "/checkpoints/1/diff/9").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/generations/" + id + "/checkpoints/0/diff/1").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/generations/" + id + "/checkpoints/one/diff/2").then().statusCode(404);
    }
}
