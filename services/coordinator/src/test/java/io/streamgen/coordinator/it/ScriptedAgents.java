package io.streamgen.coordinator.it;

import io.streamgen.infra.kafka.test.KafkaTestClient;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays the agents' side of one generation on a real broker: it waits for each task on its
 * role's topic and answers with chunks, bus messages and statuses, as the agents would.
 */
final class ScriptedAgents {

    static final List<Role> BUILDERS = List.of(Role.API, Role.LOGIC, Role.UI);
    static final int CHUNKS_PER_TASK = 4;

    private final KafkaTestClient kafka;
    private final String generationId;

    ScriptedAgents(KafkaTestClient kafka, String generationId) {
        this.kafka = kafka;
        this.generationId = generationId;
    }

    void request() {
        Flags flags = Flags.newBuilder().setParallel(true).setBufferSize(null).setPreview(false).setCheckpoint(false)
                .setOptimize(false).setTest(false).setVerbose(true).build();
        kafka.produce(Topics.REQUESTS, generationId, GenerationRequested.newBuilder().setGenerationId(generationId)
                .setPrompt("a todo app").setFlags(flags).setRequestedBy("it").setRequestedAt(Instant.now())
                .setMergeStrategy(MergeStrategy.PHASE_PRIORITY).build());
    }

    /** Waits until the phase's task for {@code role} was published. */
    AgentTask awaitTask(Phase phase, Role role) {
        String taskId = phase.name().toLowerCase(Locale.ROOT) + "-" + role.name().toLowerCase(Locale.ROOT);
        return kafka.await(Topics.tasks(role), r -> generationId.equals(r.key())
                && r.value().getTaskId().equals(taskId), 1, Duration.ofSeconds(60)).get(0).value();
    }

    /** The chunks [from, to) of a role's task in one phase; END and DONE follow the last one. */
    void write(Phase phase, Role role, int from, int to) {
        String taskId = phase.name().toLowerCase(Locale.ROOT) + "-" + role.name().toLowerCase(Locale.ROOT);
        for (int seq = from; seq < to; seq++) {
            kafka.produce(Topics.CHUNKS, generationId, chunk(taskId, phase, role, seq, ChunkOp.APPEND,
                    line(phase, role, seq)));
        }
        if (to == CHUNKS_PER_TASK) {
            if (role == Role.UI && phase == Phase.SKELETON) {
                bus(Role.UI, MessageType.COMPONENT_CREATED, "ui:TodoList", List.of("api:fetchTodos"));
            }
            if (role == Role.API && phase == Phase.SKELETON) {
                bus(Role.API, MessageType.PROVIDES, "api:fetchTodos", List.of());
            }
            kafka.produce(Topics.CHUNKS, generationId, chunk(taskId, phase, role, CHUNKS_PER_TASK, ChunkOp.END, ""));
            kafka.produce(Topics.STATUS, generationId, AgentStatus.newBuilder().setGenerationId(generationId)
                    .setTaskId(taskId).setAttempt(1).setRole(role).setPhase(phase).setState(AgentState.DONE)
                    .setTokens(40).setTokensPerSecond(120.0).setModel("template").setAt(Instant.now()).build());
        }
    }

    void writeAll(Phase phase) {
        for (Role role : BUILDERS) {
            write(phase, role, 0, CHUNKS_PER_TASK);
        }
    }

    /** The files the script produces, as the coordinator must merge them. */
    static Map<String, String> expectedFiles() {
        Map<String, String> files = new TreeMap<>();
        for (Role role : BUILDERS) {
            StringBuilder content = new StringBuilder();
            for (Phase phase : List.of(Phase.SKELETON, Phase.FEATURES)) {
                for (int seq = 0; seq < CHUNKS_PER_TASK; seq++) {
                    content.append(line(phase, role, seq));
                }
            }
            files.put(path(role), content.toString());
        }
        return files;
    }

    private void bus(Role from, MessageType type, String name, List<String> requires) {
        kafka.produce(Topics.BUS, generationId, AgentMessage.newBuilder().setGenerationId(generationId).setFrom(from)
                .setType(type).setName(name).setSignature(name + "()").setRequires(requires).setAt(Instant.now())
                .build());
    }

    private CodeChunk chunk(String taskId, Phase phase, Role role, long seq, ChunkOp op, String text) {
        return CodeChunk.newBuilder().setGenerationId(generationId).setTaskId(taskId).setAttempt(1).setSeq(seq)
                .setRole(role).setPhase(phase).setPath(path(role)).setRegion(phase.name()).setOp(op).setText(text)
                .setStatementComplete(true).setTokenCount(10).setModel("template").setProducedAt(Instant.now())
                .build();
    }

    static String path(Role role) {
        return "src/" + role.name().toLowerCase(Locale.ROOT) + ".js";
    }

    private static String line(Phase phase, Role role, int seq) {
        return "// " + phase + " " + role + " statement " + seq + "\n";
    }
}
