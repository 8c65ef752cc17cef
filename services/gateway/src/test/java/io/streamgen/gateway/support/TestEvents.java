package io.streamgen.gateway.support;

import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.TaskStateChanged;
import io.streamgen.schema.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Produces a generation's events to the test broker, as the coordinator would. */
public final class TestEvents {

    private final KafkaTestClient kafka = TestKafka.shared().client();
    private final String generationId;

    public TestEvents(String generationId) {
        this.generationId = generationId;
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public String id() {
        return generationId;
    }

    public RecordMetadata send(Object payload, double progress) {
        return kafka.produce(Topics.EVENTS, generationId, GenerationEvent.newBuilder().setGenerationId(generationId)
                .setAt(Instant.now()).setProgress(progress).setPayload(payload).build());
    }

    public RecordMetadata started() {
        return send(GenerationStarted.newBuilder().setPrompt("a todo app").setTargetStack("javascript-node")
                .setFlags(Flags.newBuilder().build()).setMergeStrategy(MergeStrategy.PHASE_PRIORITY).setPhases(List.of(Phase.SKELETON, Phase.FEATURES))
                .setRequestedAt(Instant.now()).build(), 0.0);
    }

    public RecordMetadata phase(Phase phase, PhaseState state) {
        return send(PhaseChanged.newBuilder().setPhase(phase).setState(state).build(), 0.1);
    }

    public RecordMetadata task(Role role, AgentState state) {
        return send(TaskStateChanged.newBuilder().setTaskId("t-" + role).setRole(role).setPhase(Phase.SKELETON)
                .setState(state).setTokens(10).setTokensPerSecond(100.0).build(), 0.2);
    }

    public RecordMetadata draft(Role role, String path, long seq, String text) {
        return send(DraftChunk.newBuilder().setTaskId("t-" + role).setRole(role).setPhase(Phase.SKELETON).setPath(path)
                .setSeq(seq).setText(text).build(), 0.3);
    }

    public RecordMetadata file(Role author, String path, int version, String content) {
        return send(FileChanged.newBuilder().setPath(path).setVersion(version)
                .setOp(version == 1 ? FileOp.CREATED : FileOp.MODIFIED).setDiff("@@ v" + version + " @@")
                .setContent(content).setAuthors(List.of(author)).setSha256("00".repeat(32)).build(), 0.5);
    }

    public RecordMetadata checkpoint(int n, List<String> files) {
        return send(CheckpointTaken.newBuilder().setCheckpointId(n).setPhase(Phase.SKELETON).setLabel("after SKELETON")
                .setFiles(files).build(), 0.6);
    }

    public RecordMetadata completed() {
        return send(GenerationCompleted.newBuilder().setFiles(List.of("server.js")).setDurationMillis(1000).build(), 1.0);
    }
}
