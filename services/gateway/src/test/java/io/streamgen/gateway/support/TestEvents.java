package io.streamgen.gateway.support;

import io.streamgen.gateway.api.UnifiedDiffs;
import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CheckpointFile;
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
    private Instant at;

    public TestEvents(String generationId) {
        this.generationId = generationId;
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public String id() {
        return generationId;
    }

    /** Stamps the events sent from now on with {@code time} (null: the time they are sent). */
    public TestEvents at(Instant time) {
        this.at = time;
        return this;
    }

    public RecordMetadata send(Object payload, double progress) {
        return kafka.produce(Topics.EVENTS, generationId, GenerationEvent.newBuilder().setGenerationId(generationId)
                .setAt(at != null ? at : Instant.now()).setProgress(progress).setPayload(payload).build());
    }

    /** A generation started by someone else than the dashboard (the CLI, a platform team's producer). */
    public RecordMetadata started(String prompt, String requestedBy) {
        return send(GenerationStarted.newBuilder().setPrompt(prompt).setTargetStack("javascript-node")
                .setFlags(Flags.newBuilder().setCheckpoint(true).build()).setMergeStrategy(MergeStrategy.PHASE_PRIORITY)
                .setPhases(List.of(Phase.SKELETON, Phase.FEATURES)).setRequestedBy(requestedBy)
                .setRequestedAt(at != null ? at : Instant.now()).build(), 0.0);
    }

    /** A task's status as its agent reported it. */
    public RecordMetadata status(String taskId, Role role, Phase phase, AgentState state, long tokens, double tokensPerSecond) {
        return send(TaskStateChanged.newBuilder().setTaskId(taskId).setRole(role).setPhase(phase).setState(state)
                .setTokens(tokens).setTokensPerSecond(tokensPerSecond).setModel("template").build(), 0.2);
    }

    /** A new file, as the coordinator sends it: its content and its diff from nothing. */
    public RecordMetadata created(Role author, String path, String content) {
        return send(FileChanged.newBuilder().setPath(path).setVersion(1).setOp(FileOp.CREATED)
                .setDiff(UnifiedDiffs.between(path, "", content)).setContent(content).setAuthors(List.of(author))
                .setSha256(sha256(content)).build(), 0.4);
    }

    /** A modification, as the coordinator sends it: the diff only, no content. */
    public RecordMetadata modified(Role author, String path, int version, String before, String after) {
        return send(FileChanged.newBuilder().setPath(path).setVersion(version).setOp(FileOp.MODIFIED)
                .setDiff(UnifiedDiffs.between(path, before, after)).setContent(null).setAuthors(List.of(author))
                .setSha256(sha256(after)).build(), 0.7);
    }

    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    public RecordMetadata checkpoint(int n, Phase phase, List<String> files) {
        return send(CheckpointTaken.newBuilder().setCheckpointId(n).setPhase(phase).setLabel("after " + phase)
                .setFiles(files).build(), 0.6);
    }

    /**
     * Checkpoint {@code n} on the compacted checkpoints topic, as the coordinator stores it (what a
     * replay {@code ?fromCheckpoint=n} starts from); files are path to {version, content}.
     */
    public RecordMetadata storeCheckpoint(int n, Phase phase, java.util.Map<String, java.util.Map.Entry<Integer, String>> files) {
        java.util.Map<String, CheckpointFile> stored = new java.util.TreeMap<>();
        files.forEach((path, file) -> stored.put(path, CheckpointFile.newBuilder().setContent(file.getValue())
                .setVersion(file.getKey()).setSha256(sha256(file.getValue())).setRegions(List.of()).build()));
        return kafka.produce(Topics.CHECKPOINTS, Topics.checkpointKey(generationId, n), Checkpoint.newBuilder()
                .setGenerationId(generationId).setCheckpointId(n).setPhase(phase).setLabel("after " + phase)
                .setFiles(stored).setCreatedAt(at != null ? at : Instant.now()).build());
    }

    public RecordMetadata completed() {
        return send(GenerationCompleted.newBuilder().setFiles(List.of("server.js")).setDurationMillis(1000).build(), 1.0);
    }
}
