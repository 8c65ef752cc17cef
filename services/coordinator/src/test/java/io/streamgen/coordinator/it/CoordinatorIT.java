package io.streamgen.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.infra.kafka.test.KafkaTestExtension;
import io.streamgen.schema.DeadLetter;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/**
 * The coordinator against a real broker with exactly-once processing: a whole generation played
 * by scripted agents, and the same generation with the application restarted in the middle.
 */
@ExtendWith(KafkaTestExtension.class)
@Timeout(180)
class CoordinatorIT {

    private final RestClient http = RestClient.create();

    @Test
    void givenScriptedAgents_whenAGenerationRuns_thenEventsFilesCheckpointsAndQueriesAreRight(KafkaTestClient kafka,
            @TempDir Path stateDir) {
        String generationId = "it-" + UUID.randomUUID();
        ScriptedAgents agents = new ScriptedAgents(kafka, generationId);
        try (RunningCoordinator coordinator = RunningCoordinator.start("coordinator-it-" + UUID.randomUUID(),
                stateDir)) {
            kafka.produceRaw(Topics.CHUNKS, generationId, "garbage".getBytes(StandardCharsets.UTF_8));
            agents.request();
            ScriptedAgents.BUILDERS.forEach(role -> agents.awaitTask(Phase.SKELETON, role));
            agents.writeAll(Phase.SKELETON);
            ScriptedAgents.BUILDERS.forEach(role -> agents.awaitTask(Phase.FEATURES, role));
            agents.writeAll(Phase.FEATURES);

            List<GenerationEvent> events = awaitCompleted(kafka, generationId);
            assertThat(events.get(0).getPayload()).isInstanceOf(GenerationStarted.class);
            assertThat(events.get(events.size() - 1).getPayload()).isInstanceOf(GenerationCompleted.class);
            assertThat(payloads(events, PhaseChanged.class)).hasSize(4);
            assertThat(payloads(events, CheckpointTaken.class)).hasSize(2);
            assertThat(viewerFiles(events)).isEqualTo(ScriptedAgents.expectedFiles());

            String base = coordinator.baseUrl() + "/generations/" + generationId;
            assertThat(http.get().uri(base).retrieve().body(Map.class)).containsEntry("status", "COMPLETED");
            assertThat(http.get().uri(base + "/files/" + ScriptedAgents.path(Role.UI)).retrieve().body(String.class))
                    .isEqualTo(ScriptedAgents.expectedFiles().get(ScriptedAgents.path(Role.UI)));
            assertThat(http.get().uri(base + "/files").retrieve().body(List.class)).hasSize(3);
            assertThat(http.get().uri(base + "/checkpoints").retrieve().body(List.class)).hasSize(2);
            assertThat(http.get().uri(base + "/checkpoints/1").retrieve().body(Map.class)).containsKey("files");
            String problem = http.get().uri(coordinator.baseUrl() + "/generations/nope").exchange(
                    (request, response) -> response.getStatusCode().value() + " " + response.getHeaders()
                            .getContentType() + " " + new String(response.getBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
            assertThat(problem).startsWith("404 application/problem+json").contains("no generation nope");
            int missingFile = http.get().uri(base + "/files/src/nope.js").exchange(
                    (request, response) -> response.getStatusCode().value());
            assertThat(missingFile).isEqualTo(404);

            Map<String, Object> health = http.get().uri(coordinator.baseUrl() + "/actuator/health").retrieve()
                    .body(new org.springframework.core.ParameterizedTypeReference<>() { });
            assertThat(health).containsEntry("status", "UP");
            Map<?, ?> streams = (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("kafkaStreams");
            assertThat(streams.get("status")).isEqualTo("UP");
            assertThat(((Map<?, ?>) streams.get("details")).get("state")).isEqualTo("RUNNING");
            assertThat(http.get().uri(coordinator.baseUrl() + "/actuator/health/readiness").retrieve()
                    .body(String.class)).contains("\"status\":\"UP\"");
            assertThat(http.get().uri(coordinator.baseUrl() + "/actuator/prometheus").retrieve().body(String.class))
                    .contains("kafka_stream_thread_process_total");

            // read raw: other tests on a shared broker may leave foreign bytes on the dead-letter topic
            byte[] letter = kafka.awaitRaw(Topics.DLQ, r -> generationId.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0).value();
            assertThat(new AvroDeserializer<>(DeadLetter.class).deserialize(Topics.DLQ.name(), letter)
                    .getSourceTopic()).isEqualTo(Topics.CHUNKS.name());
        }
    }

    @Test
    void givenARestartMidGeneration_whenTheGenerationFinishes_thenFilesAreTheSameAndNoEventIsDuplicated(
            KafkaTestClient kafka, @TempDir Path firstStateDir, @TempDir Path secondStateDir) {
        String generationId = "it-restart-" + UUID.randomUUID();
        String applicationId = "coordinator-it-restart-" + UUID.randomUUID();
        ScriptedAgents agents = new ScriptedAgents(kafka, generationId);
        try (RunningCoordinator first = RunningCoordinator.start(applicationId, firstStateDir)) {
            agents.request();
            ScriptedAgents.BUILDERS.forEach(role -> agents.awaitTask(Phase.SKELETON, role));
            agents.writeAll(Phase.SKELETON);
            ScriptedAgents.BUILDERS.forEach(role -> agents.awaitTask(Phase.FEATURES, role));
            ScriptedAgents.BUILDERS.forEach(role -> agents.write(Phase.FEATURES, role, 0, 2));
        }
        // the rest arrives while no coordinator runs; the new instance restores its state from the changelogs
        ScriptedAgents.BUILDERS.forEach(role -> agents.write(Phase.FEATURES, role, 2, ScriptedAgents.CHUNKS_PER_TASK));
        try (RunningCoordinator second = RunningCoordinator.start(applicationId, secondStateDir)) {
            List<GenerationEvent> events = awaitCompleted(kafka, generationId);

            assertThat(viewerFiles(events)).isEqualTo(ScriptedAgents.expectedFiles());
            Set<String> fileVersions = new HashSet<>();
            for (FileChanged changed : payloads(events, FileChanged.class)) {
                assertThat(fileVersions.add(changed.getPath() + "@" + changed.getVersion()))
                        .as("FileChanged %s v%s once", changed.getPath(), changed.getVersion()).isTrue();
            }
            assertThat(fileVersions).hasSize(3 * 2 * ScriptedAgents.CHUNKS_PER_TASK);
            assertThat(payloads(events, GenerationStarted.class)).hasSize(1);
            assertThat(payloads(events, CheckpointTaken.class)).extracting(CheckpointTaken::getCheckpointId)
                    .containsExactly(1, 2);
            assertThat(payloads(events, GenerationCompleted.class)).hasSize(1);
        }
    }

    /** Every event of the generation once GenerationCompleted is committed, as a read_committed consumer sees them. */
    private static List<GenerationEvent> awaitCompleted(KafkaTestClient kafka, String generationId) {
        kafka.await(Topics.EVENTS, r -> generationId.equals(r.key())
                && r.value().getPayload() instanceof GenerationCompleted, 1, Duration.ofSeconds(90));
        return EventLog.read(generationId);
    }

    private static <T> List<T> payloads(List<GenerationEvent> events, Class<T> type) {
        return events.stream().map(GenerationEvent::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    /** The files a viewer holds after applying the FileChanged events in order. */
    private static Map<String, String> viewerFiles(List<GenerationEvent> events) {
        Map<String, String> files = new TreeMap<>();
        for (FileChanged changed : payloads(events, FileChanged.class)) {
            files.put(changed.getPath(), changed.getContent() != null ? changed.getContent()
                    : io.streamgen.coordinator.topology.Patches.apply(files.get(changed.getPath()),
                            changed.getDiff()));
        }
        return files;
    }
}
