package io.streamgen.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.topology.StoreNames;
import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.infra.kafka.test.KafkaTestExtension;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/**
 * Two coordinator instances share the partitions; either one answers for any generation, to holders
 * of the API secret only, and the relay to the owner carries the secret too.
 */
@ExtendWith(KafkaTestExtension.class)
@Timeout(180)
class MultiInstanceIT {

    @Test
    void givenTwoInstances_whenAskingTheOneThatDoesNotOwnTheGeneration_thenItForwardsToTheOwner(
            KafkaTestClient kafka, @TempDir Path firstDir, @TempDir Path secondDir) {
        String applicationId = "coordinator-it-multi-" + UUID.randomUUID();
        String secret = "multi-" + UUID.randomUUID();
        try (RunningCoordinator first = RunningCoordinator.start(applicationId, firstDir, secret);
                RunningCoordinator second = RunningCoordinator.start(applicationId, secondDir, secret)) {
            Awaitility.await("both instances own partitions").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).until(() -> bothRunningWithTasks(first, second));
            String generationId = "it-multi-" + UUID.randomUUID();
            new ScriptedAgents(kafka, generationId).request();
            kafka.await(Topics.EVENTS, r -> generationId.equals(r.key())
                    && r.value().getPayload() instanceof GenerationStarted, 1, Duration.ofSeconds(60));

            HostInfo owner = first.streams().queryMetadataForKey(StoreNames.GENERATIONS, generationId,
                    new StringSerializer()).activeHost();
            RunningCoordinator ownerInstance = owner.port() == first.port() ? first : second;
            RunningCoordinator other = ownerInstance == first ? second : first;
            assertThat(local(other, generationId)).as("the other instance does not hold the generation").isNull();
            assertThat(local(ownerInstance, generationId)).isNotNull();

            for (RunningCoordinator asked : List.of(other, ownerInstance)) {
                assertThat(status(asked.baseUrl() + "/generations/" + generationId, null)).isEqualTo(401);
                assertThat(status(asked.baseUrl() + "/generations/" + generationId, "Bearer wrong")).isEqualTo(401);
                assertThat(status(asked.baseUrl() + "/actuator/health", null)).isEqualTo(200);
            }
            // the other instance relays with its own secret: were it missing, the owner's 401 would come back
            RestClient http = RestClient.builder().defaultHeader("Authorization", "Bearer " + secret).build();
            Map<String, Object> viaOther = http.get().uri(other.baseUrl() + "/generations/" + generationId).retrieve()
                    .body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
            Map<String, Object> viaOwner = http.get().uri(ownerInstance.baseUrl() + "/generations/" + generationId).retrieve()
                    .body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
            assertThat(viaOther).isEqualTo(viaOwner).containsEntry("generationId", generationId)
                    .containsEntry("phase", Phase.SKELETON.name());
            // both answers name the owner as the instance whose stores they came from
            for (RunningCoordinator asked : List.of(other, ownerInstance)) {
                assertThat(http.get().uri(asked.baseUrl() + "/generations/" + generationId).retrieve().toBodilessEntity()
                        .getHeaders().getFirst(io.streamgen.coordinator.query.GenerationQueryController.SERVED_BY))
                        .endsWith(":" + ownerInstance.port());
            }
            assertThat((List<?>) viaOther.get("tasks")).hasSize(List.of(Role.API, Role.LOGIC, Role.UI).size());

            // files and checkpoints live under their own keys, in the owner's stores: the other instance relays them
            ScriptedAgents agents = new ScriptedAgents(kafka, generationId);
            ScriptedAgents.BUILDERS.forEach(role -> agents.awaitTask(Phase.SKELETON, role));
            agents.writeAll(Phase.SKELETON);
            kafka.await(Topics.EVENTS, r -> generationId.equals(r.key())
                    && r.value().getPayload() instanceof CheckpointTaken, 1, Duration.ofSeconds(60));
            String path = ScriptedAgents.path(Role.UI);
            Awaitility.await("the owner's files are queryable").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> files(http, ownerInstance, generationId).size() == 3);
            assertThat(files(http, other, generationId)).isEqualTo(files(http, ownerInstance, generationId));
            assertThat(http.get().uri(other.baseUrl() + "/generations/" + generationId + "/files/" + path).retrieve()
                    .body(String.class)).isEqualTo(http.get().uri(ownerInstance.baseUrl() + "/generations/"
                            + generationId + "/files/" + path).retrieve().body(String.class)).isNotEmpty();
            List<?> checkpoints = http.get().uri(other.baseUrl() + "/generations/" + generationId + "/checkpoints")
                    .retrieve().body(List.class);
            assertThat(checkpoints).hasSize(1);
            Map<?, ?> checkpoint = http.get().uri(other.baseUrl() + "/generations/" + generationId + "/checkpoints/1")
                    .retrieve().body(Map.class);
            assertThat((Map<?, ?>) checkpoint.get("files")).hasSize(3);
        }
    }

    /** The status of a GET, with {@code authorization} (null: none). */
    private static int status(String uri, String authorization) {
        RestClient.RequestHeadersSpec<?> request = RestClient.create().get().uri(uri);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        Integer status = request.exchange((req, response) -> response.getStatusCode().value());
        return status;
    }

    private static List<?> files(RestClient http, RunningCoordinator instance, String generationId) {
        return http.get().uri(instance.baseUrl() + "/generations/" + generationId + "/files").retrieve()
                .body(List.class);
    }

    private static boolean bothRunningWithTasks(RunningCoordinator... instances) {
        for (RunningCoordinator instance : instances) {
            KafkaStreams streams = instance.streams();
            if (streams.state() != KafkaStreams.State.RUNNING
                    || streams.metadataForLocalThreads().stream().allMatch(t -> t.activeTasks().isEmpty())) {
                return false;
            }
        }
        return true;
    }

    private static GenerationState local(RunningCoordinator instance, String generationId) {
        return instance.streams().store(StoreQueryParameters.fromNameAndType(StoreNames.GENERATIONS,
                QueryableStoreTypes.<String, GenerationState>keyValueStore())).get(generationId);
    }
}
