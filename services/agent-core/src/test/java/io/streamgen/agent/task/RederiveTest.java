package io.streamgen.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.agent.model.TemplateStreamingChatModel;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.agent.rederive.RecordedAnswer;
import io.streamgen.agent.rederive.RecordedAnswerModel;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task's published chunks, rebuilt into an answer and streamed again, publish the same code. */
class RederiveTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final PromptBuilder prompts = new PromptBuilder("role {{role}} {{role_guide}}",
            "{{instructions}}{{steering}}\n{{context}}\n{{card}}", "guide", 2000);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static RoleBehaviour behaviour(Role role) {
        return new RoleBehaviour() {
            @Override
            public Role role() {
                return role;
            }

            @Override
            public List<Announcement> announce(String path, String code) {
                return List.of();
            }
        };
    }

    private static AgentTask task(Role role, Phase phase) {
        return AgentTask.newBuilder().setGenerationId("g-source").setTaskId(phase.name().toLowerCase() + "-" + role.name().toLowerCase())
                .setAttempt(1).setPhase(phase).setRole(role).setInstructions("write it").setPrompt("a todo app")
                .setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now()).build();
    }

    private List<CodeChunk> run(AgentTask task, dev.langchain4j.model.chat.StreamingChatModel model, int attempt) throws Exception {
        RecordingOutput output = new RecordingOutput();
        TaskExecution execution = new TaskExecution(task, attempt, model, "m", new TaskExecution.Deps(output, prompts,
                behaviour(task.getRole()), AgentMetrics.NONE, scheduler, Clock.systemUTC(), TaskSettings.defaults()));
        assertThat(execution.start().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(TaskExecution.Outcome.DONE);
        return output.chunks;
    }

    private static Map<String, String> code(List<CodeChunk> chunks) {
        return chunks.stream().filter(c -> c.getOp() != ChunkOp.END).collect(Collectors.groupingBy(
                c -> c.getPath() + "#" + c.getRegion(), TreeMap::new, Collectors.mapping(CodeChunk::getText, Collectors.joining())));
    }

    @Test
    void shouldPublishTheSameCodeFromTheRecordedChunksOfEveryRole() throws Exception {
        for (AgentTask task : List.of(task(Role.UI, Phase.SKELETON), task(Role.API, Phase.FEATURES),
                task(Role.LOGIC, Phase.FEATURES), task(Role.TESTING, Phase.TEST))) {
            List<CodeChunk> source = run(task, new TemplateStreamingChatModel(0, scheduler), 2);
            List<CodeChunk> recorded = new ArrayList<>(source);
            // an earlier attempt the coordinator superseded, and a duplicate delivery of a chunk
            recorded.add(0, CodeChunk.newBuilder(source.get(0)).setAttempt(1).setText("// abandoned attempt\n").build());
            recorded.add(source.get(1));

            String answer = RecordedAnswer.of(recorded).orElseThrow();
            List<CodeChunk> again = run(task, new RecordedAnswerModel(answer, "rederive:g-source", scheduler), 1);

            assertThat(code(again)).as(task.getTaskId()).isEqualTo(code(source)).isNotEmpty();
            assertThat(answer).doesNotContain("abandoned attempt");
        }
    }

    private static CodeChunk chunk(long seq, String region, ChunkOp op, String text) {
        return CodeChunk.newBuilder().setGenerationId("g-source").setTaskId("features-ui").setAttempt(1).setSeq(seq)
                .setRole(Role.UI).setPhase(Phase.FEATURES).setPath("public/app.js").setRegion(region).setOp(op)
                .setText(text).setStatementComplete(true).setTokenCount(3).setModel("m").setProducedAt(Instant.now())
                .build();
    }

    @Test
    void shouldKeepARegionsTextFromItsLastReplaceOnAsTheCoordinatorDoes() throws Exception {
        // a continuation that rephrased the interrupted region publishes its new version as a REPLACE:
        // the coordinator keeps only that, so must the recorded answer
        List<CodeChunk> recorded = List.of(
                chunk(0, "list", ChunkOp.APPEND, "export const first = 1;\n"),
                chunk(1, "list", ChunkOp.APPEND, "export const second = 2;\n"),
                chunk(2, "form", ChunkOp.APPEND, "export const form = 3;\n"),
                chunk(3, "list", ChunkOp.REPLACE, "export const first = 10;\n"),
                chunk(4, "list", ChunkOp.APPEND, "export const second = 20;\n"),
                chunk(5, "", ChunkOp.END, ""));

        String answer = RecordedAnswer.of(recorded).orElseThrow();
        List<CodeChunk> again = run(task(Role.UI, Phase.FEATURES),
                new RecordedAnswerModel(answer, "rederive:g-source", scheduler), 1);

        assertThat(code(again)).containsEntry("public/app.js#list", "export const first = 10;\nexport const second = 20;\n")
                .containsEntry("public/app.js#form", "export const form = 3;\n");
        assertThat(answer).doesNotContain("first = 1;");
    }

    @Test
    void shouldFindNoAnswerWhenNoAttemptEnded() {
        CodeChunk started = CodeChunk.newBuilder().setGenerationId("g").setTaskId("t").setAttempt(1).setSeq(0)
                .setRole(Role.UI).setPhase(Phase.SKELETON).setPath("public/app.js").setRegion(null).setOp(ChunkOp.APPEND)
                .setText("let x;\n").setStatementComplete(true).setTokenCount(3).setModel("m").setProducedAt(Instant.now())
                .build();

        assertThat(RecordedAnswer.of(List.of(started))).isEmpty();
        assertThat(RecordedAnswer.of(List.of())).isEmpty();
    }
}
