package io.streamgen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.gateway.support.TestEvents;
import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /api/generations and interventions against a real broker, read back from the topics. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class GenerationApiIT {

    private final KafkaTestClient kafka = TestKafka.shared().client();

    @Test
    void shouldProduceAValidRequestAndAnswer202WithTheStreamUrl() {
        String id = TestEvents.newId("api");
        String body = """
                {"generationId": "%s", "prompt": "a todo app with tags", "mergeStrategy": "three-way",
                 "flags": {"parallel": true, "bufferSize": 16, "preview": true, "checkpoint": true,
                           "optimize": true, "test": true, "verbose": true},
                 "models": {"ui": "openai:gpt-4o-mini"},
                 "blueprint": {"appName": "todo", "entities": [{"name": "Todo", "fields": [
                     {"name": "title"}, {"name": "done", "type": "boolean", "required": false}]}]}}
                """.formatted(id);
        given().contentType("application/json").body(body).post("/api/generations").then().statusCode(202)
                .body("generationId", equalTo(id)).body("streamUrl", equalTo("/api/generations/" + id + "/events"))
                .header("Location", notNullValue());

        GenerationRequested request = kafka.awaitValues(Topics.REQUESTS, id, 1).get(0);
        assertThat(request.getPrompt()).isEqualTo("a todo app with tags");
        assertThat(request.getMergeStrategy()).isEqualTo(MergeStrategy.THREE_WAY);
        assertThat(request.getFlags().getParallel()).isTrue();
        assertThat(request.getFlags().getBufferSize()).isEqualTo(16);
        assertThat(request.getFlags().getVerbose()).isTrue();
        assertThat(request.getModels()).containsEntry("UI", "openai:gpt-4o-mini");
        assertThat(request.getBlueprint().getEntities().get(0).getFields()).hasSize(2);
    }

    @Test
    void shouldBeReadyWithKafkaAndExposeStreamingMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("events-topic"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("streamgen_gateway_clients"))
                .body(org.hamcrest.Matchers.containsString("streamgen_gateway_events_sent_total"));
    }

    @Test
    void shouldMakeATimeOrderedIdWhenNoneIsGiven() {
        String id = given().contentType("application/json").body("{\"prompt\": \"a notes app\"}")
                .post("/api/generations").then().statusCode(202).extract().path("generationId");
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(7);
        assertThat(kafka.awaitValues(Topics.REQUESTS, id, 1).get(0).getFlags().getParallel()).isFalse();
    }

    @Test
    void shouldAnswerProblemDetailsForBadRequests() {
        given().contentType("application/json").body("{\"flags\": {\"bufferSize\": 0}, \"mergeStrategy\": \"coin-flip\","
                + " \"models\": {\"chef\": \"openai:x\", \"ui\": \"nope\"},"
                + " \"blueprint\": {\"appName\": \"\", \"entities\": [{\"name\": \"A\", \"fields\": [{\"name\": \"b\", \"type\": \"Z\"}]}]}}")
                .post("/api/generations").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("errors.field", hasItem("prompt")).body("errors.field", hasItem("flags.bufferSize"))
                .body("errors.field", hasItem("mergeStrategy")).body("errors.field", hasItem("models.chef"))
                .body("errors.field", hasItem("models.ui")).body("errors.field", hasItem("blueprint.appName"))
                .body("errors.field", hasItem("blueprint.entities[0].fields[0].type"));
        given().contentType("application/json").body("{\"prompt\": ").post("/api/generations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith("the body is not valid JSON"));
        given().contentType("application/json").body("{\"prompt\": \"" + "x".repeat(64 * 1024 + 1) + "\"}")
                .post("/api/generations").then().statusCode(413).contentType("application/problem+json");
        given().contentType("application/json").body("{\"action\": \"DANCE\"}")
                .post("/api/generations/g-1/interventions").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("action"));
        given().contentType("application/json").body("{\"action\": \"STEER\"}")
                .post("/api/generations/g-1/interventions").then().statusCode(400).body("errors.field", hasItem("text"));
        given().get("/api/generations/bad!id/events").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/generations/g-1/events?types=nonsense").then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** The test profile allows template:* and openai:gpt-4o-mini (application.properties). */
    @Test
    void shouldAcceptOnlyModelsTheOperatorAllows() {
        String id = TestEvents.newId("models");
        given().contentType("application/json")
                .body("{\"generationId\": \"" + id + "\", \"prompt\": \"a notes app\", \"models\": {\"ui\": \"template:any\"}}")
                .post("/api/generations").then().statusCode(202);
        assertThat(kafka.awaitValues(Topics.REQUESTS, id, 1).get(0).getModels()).containsEntry("UI", "template:any");

        given().contentType("application/json")
                .body("{\"prompt\": \"a notes app\", \"models\": {\"ui\": \"anthropic:claude-x\", \"logic\": \"openai:gpt-5\","
                        + " \"api\": \"openai:gpt-4o-mini\"}}")
                .post("/api/generations").then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422)).body("title", equalTo("Unprocessable Content"))
                .body("instance", equalTo("/api/generations"))
                .body("detail", containsString("template:*, openai:gpt-4o-mini"))
                .body("errors.field", containsInAnyOrder("models.ui", "models.logic"))
                .body("errors.find { it.field == 'models.ui' }.message", containsString("anthropic:claude-x"))
                .body("allowedModels", contains("template:*", "openai:gpt-4o-mini"))
                .body("providers", contains("template", "openai", "anthropic", "ollama", "replay"));
    }

    @Test
    void shouldRefuseAnUnknownProviderWith422AndABareModelNameAsMalformed() {
        given().contentType("application/json").body("{\"prompt\": \"a notes app\", \"models\": {\"ui\": \"bard:x\"}}")
                .post("/api/generations").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("models.ui"))
                .body("errors[0].message", containsString("'bard' is not one of template, openai, anthropic, ollama, replay"))
                .body("allowedModels", hasItem("template:*"));
        // which provider a bare name means depends on the agent's configuration, which the gateway does not know
        given().contentType("application/json").body("{\"prompt\": \"a notes app\", \"models\": {\"ui\": \"gpt-4o-mini\"}}")
                .post("/api/generations").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("models.ui"))
                .body("errors[0].message", startsWith("must be provider:model"))
                .body("allowedModels", nullValue());
    }

    @Test
    void shouldProduceInterventionsAndRollbacksToControl() {
        String id = TestEvents.newId("iv");
        given().contentType("application/json").body("{\"action\": \"steer\", \"role\": \"ui\", \"text\": \"dark mode\"}")
                .post("/api/generations/" + id + "/interventions").then().statusCode(202)
                .body("interventionId", notNullValue());
        given().contentType("application/json").body("{\"checkpointId\": 2}")
                .post("/api/generations/" + id + "/rollback").then().statusCode(202);
        List<Intervention> control = kafka.awaitValues(Topics.CONTROL, id, 2);
        assertThat(control).extracting(Intervention::getAction)
                .containsExactly(InterventionAction.STEER, InterventionAction.ROLLBACK);
        assertThat(control.get(0).getRole()).isEqualTo(Role.UI);
        assertThat(control.get(1).getCheckpointId()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnUnknownHostWithAuthOffToo() {
        given().header("Host", "rebind.evil.example:8080").get("/api/generations").then().statusCode(421)
                .contentType("application/problem+json");
        given().header("Host", "127.0.0.1").get("/api/generations").then().statusCode(200);
    }

    @Test
    void shouldRefuseAMutatingCallFromAnotherPageWithAuthOff() {
        given().header("Origin", "http://evil.example").contentType("application/json").body("{\"prompt\": \"x\"}")
                .post("/api/generations").then().statusCode(403).contentType("application/problem+json");
        given().header("Origin", "http://localhost:" + io.restassured.RestAssured.port).contentType("application/json")
                .body("{\"prompt\": \"x\"}").post("/api/generations").then().statusCode(202);
    }

    @Test
    void shouldAnswerABodyOverTheCapWithA413Problem() {
        given().contentType("application/json").body("{\"prompt\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}")
                .post("/api/generations").then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("max-body-size"));
    }
}
