package io.streamgen.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.agent.output.CorpusRoutingTest;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer of the realistic corpus, its stream cut at several points and continued by a model
 * that restarts its answer from the top (as chat models do when asked to go on): the published
 * files are exactly those of the uninterrupted answer, nothing repeated, nothing lost.
 */
class CorpusContinuationTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    static Stream<Path> answers() throws IOException {
        if (!Files.isDirectory(CorpusRoutingTest.CORPUS)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(CorpusRoutingTest.CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void shouldPublishAnInterruptedAnswerExactlyOnce(Path file) throws Exception {
        String answer = Files.readString(file, StandardCharsets.UTF_8);
        String taskId = file.getFileName().toString().replace(".md", "");
        Map<String, String> whole = publish(taskId, answer, answer.length());

        for (double cut : new double[] {0.2, 0.5, 0.8}) {
            Map<String, String> continued = publish(taskId, answer, (int) (answer.length() * cut));
            assertThat(continued).as("cut at %.0f%%: %s", cut * 100, firstDifference(whole, continued)).isEqualTo(whole);
        }
    }

    /** Where two publications first differ: the region and the line, for a readable failure. */
    private static String firstDifference(Map<String, String> expected, Map<String, String> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return "regions " + actual.keySet() + " instead of " + expected.keySet();
        }
        for (String key : expected.keySet()) {
            String[] want = expected.get(key).split("\n", -1);
            String[] got = actual.get(key).split("\n", -1);
            for (int i = 0; i < Math.max(want.length, got.length); i++) {
                String w = i < want.length ? want[i] : "<end>";
                String g = i < got.length ? got[i] : "<end>";
                if (!w.equals(g)) {
                    return key + " line " + (i + 1) + ": expected [" + w + "] but was [" + g + "]";
                }
            }
        }
        return "no difference";
    }

    /** The files one task publishes when the first stream stops after {@code cutAt} characters. */
    private Map<String, String> publish(String taskId, String answer, int cutAt) throws Exception {
        RecordingOutput output = new RecordingOutput();
        Role role = Role.valueOf(taskId.substring(taskId.lastIndexOf('-') + 1).toUpperCase(Locale.ROOT));
        Phase phase = Phase.valueOf(taskId.substring(0, taskId.indexOf('-')).toUpperCase(Locale.ROOT));
        AtomicInteger calls = new AtomicInteger();
        StreamingChatModel model = new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                boolean first = calls.incrementAndGet() == 1;
                int end = first ? cutAt : answer.length();
                for (int i = 0; i < end; i += 5) {
                    handler.onPartialResponse(answer.substring(i, Math.min(end, i + 5)));
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer))
                        .finishReason(first && end < answer.length() ? null : FinishReason.STOP).build());
            }
        };
        RoleBehaviour behaviour = new RoleBehaviour() {
            @Override
            public Role role() {
                return role;
            }

            @Override
            public boolean replacesRegions() {
                return role == Role.OPTIMIZATION;
            }

            @Override
            public List<Announcement> announce(String path, String code) {
                return List.of();
            }
        };
        AgentTask task = AgentTask.newBuilder().setGenerationId("g").setTaskId(taskId).setAttempt(1).setPhase(phase)
                .setRole(role).setInstructions("write it").setPrompt("an app").setCreatedAt(Instant.now()).build();
        TaskSettings settings = new TaskSettings(Duration.ofSeconds(30), 2, Duration.ofMillis(1), Duration.ofMillis(500),
                4096, 100, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5));
        PromptBuilder prompts = new PromptBuilder("{{role}}", "{{instructions}}{{context}}", "", 2000);
        var outcome = new TaskExecution(task, 1, model, "corpus", new TaskExecution.Deps(output, prompts, behaviour,
                AgentMetrics.NONE, scheduler, Clock.systemUTC(), settings)).start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(TaskExecution.Outcome.DONE);

        Map<String, StringBuilder> regions = new LinkedHashMap<>();
        for (CodeChunk chunk : output.chunks) {
            if (chunk.getOp() == ChunkOp.END) {
                continue;
            }
            StringBuilder text = regions.computeIfAbsent(chunk.getPath() + "#" + chunk.getRegion(), k -> new StringBuilder());
            if (chunk.getOp() == ChunkOp.REPLACE) {
                text.setLength(0);
            }
            text.append(chunk.getText());
        }
        Map<String, String> published = new LinkedHashMap<>();
        regions.forEach((key, text) -> published.put(key, text.toString()));
        return published;
    }
}
