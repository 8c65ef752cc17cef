package io.streamgen.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record wrapper and the replay provider: what is recorded is what is replayed, in text, timing and ending. */
class RecordReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    /** One thread, so that the paced stand-in model's tokens keep their order. */
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final PromptBuilder prompts = new PromptBuilder("role {{role}} {{role_guide}}",
            "{{instructions}}{{steering}}\n{{context}}\n{{card}}", "guide", 2000);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        pacer.shutdownNow();
    }

    private AgentTask task(Role role, Phase phase, String instructions) {
        return AgentTask.newBuilder().setGenerationId("g-1").setTaskId(phase.name().toLowerCase() + "-" + role.name().toLowerCase())
                .setAttempt(1).setPhase(phase).setRole(role).setInstructions(instructions)
                .setPrompt("a todo app").setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now()).build();
    }

    private ChatRequest request(Role role, Phase phase, String instructions) {
        List<ChatMessage> messages = prompts.messages(task(role, phase, instructions), List.of());
        return ChatRequest.builder().messages(messages).build();
    }

    private ChatRequest uiFeatures() {
        return request(Role.UI, Phase.FEATURES, "write the components");
    }

    private ModelFactory recordingFactory() {
        return new ModelFactory(scheduler, Map.<String, String>of()::get, Optional.of(dir));
    }

    private static ModelSettings template() {
        return new ModelSettings("template", "template", Optional.empty(), Optional.empty(), Duration.ofSeconds(10), 0);
    }

    private ReplayStreamingChatModel replay(Path from, ReplaySpeed speed) {
        return new ReplayStreamingChatModel(from, speed, scheduler);
    }

    /** Records {@code model}'s answer to the UI FEATURES request as task {@code taskId} of generation g-1. */
    private StreamCollector record(StreamingChatModel model, String taskId, ChatRequest request, int cancelAfter) {
        StreamCollector collector = new StreamCollector(cancelAfter);
        ModelFactory.forTask(model, "g-1", taskId).chat(request, collector);
        return collector;
    }

    private RecordingStreamingChatModel recorded(StreamingChatModel model) {
        return new RecordingStreamingChatModel(model, "openai", "gpt-test", dir);
    }

    private static ChatResponse await(StreamCollector collector) throws Exception {
        return collector.done.get(30, TimeUnit.SECONDS);
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }).toList();
        }
    }

    @Test
    void shouldRecordATemplateStreamAndReplayTheSameTextFlatOut() throws Exception {
        StreamingChatModel model = recordingFactory().create(template());
        assertThat(model).isInstanceOf(RecordingStreamingChatModel.class);
        StreamCollector original = record(model, "features-ui", uiFeatures(), Integer.MAX_VALUE);
        await(original);

        Path file = dir.resolve("g-1/features-ui-1.jsonl");
        List<JsonNode> lines = lines(file);
        JsonNode header = lines.get(0);
        assertThat(header.get("provider").asText()).isEqualTo("template");
        assertThat(header.get("model").asText()).isEqualTo("template");
        assertThat(header.get("messages")).extracting(m -> m.get("role").asText()).containsExactly("system", "user");
        assertThat(header.get("messages").get(1).get("text").asText()).contains("<streamgen-task>", "role: UI", "phase: FEATURES");
        assertThat(lines.subList(1, lines.size() - 1)).allSatisfy(line -> assertThat(line.has("t") && line.has("text")).isTrue());
        assertThat(lines.get(lines.size() - 1).get("end").asText()).isEqualTo("complete");
        assertThat(original.tokens).hasSize(lines.size() - 2);

        StreamCollector replayed = new StreamCollector();
        replay(dir.resolve("g-1"), ReplaySpeed.FLAT).chat(uiFeatures(), replayed);
        ChatResponse response = await(replayed);
        assertThat(replayed.tokens).containsExactlyElementsOf(original.tokens);
        assertThat(response.aiMessage().text()).isEqualTo(original.text());
        assertThat(response.modelName()).isEqualTo("template");
    }

    @Test
    void shouldNumberEachFurtherCallOfTheSameTask() throws Exception {
        StreamingChatModel model = recordingFactory().create(template());
        await(record(model, "features-ui", uiFeatures(), Integer.MAX_VALUE));
        await(record(model, "features-ui", uiFeatures(), Integer.MAX_VALUE));
        assertThat(dir.resolve("g-1/features-ui-1.jsonl")).exists();
        assertThat(dir.resolve("g-1/features-ui-2.jsonl")).exists();
    }

    @Test
    void shouldReplayWithTheRecordedTiming() throws Exception {
        List<String> tokens = IntStream.range(0, 20).mapToObj(i -> "tok" + i + " ").toList();
        StreamCollector original = record(recorded(new PacedModel(tokens, 150, 20, null, pacer)), "features-ui",
                uiFeatures(), Integer.MAX_VALUE);
        await(original);

        StreamCollector timed = new StreamCollector();
        replay(dir, ReplaySpeed.ORIGINAL).chat(uiFeatures(), timed);
        await(timed);
        StreamCollector flat = new StreamCollector();
        replay(dir, ReplaySpeed.FLAT).chat(uiFeatures(), flat);
        await(flat);

        assertThat(timed.text()).isEqualTo(original.text());
        assertThat(flat.text()).isEqualTo(original.text());
        // generous bounds: the machine is shared, so only the shape is checked, not the millisecond
        assertThat((double) timed.firstTokenMillis / original.firstTokenMillis).isBetween(0.7, 3.0);
        long recordedSpan = original.lastTokenMillis - original.firstTokenMillis;
        long replayedSpan = timed.lastTokenMillis - timed.firstTokenMillis;
        assertThat((double) replayedSpan / recordedSpan).isBetween(0.6, 3.0);
        assertThat(flat.lastTokenMillis).isLessThan(timed.lastTokenMillis / 2);
    }

    @Test
    void shouldStopAReplayWhenItsHandleIsCancelled() throws Exception {
        List<String> tokens = IntStream.range(0, 40).mapToObj(i -> "t" + i).toList();
        await(record(recorded(new PacedModel(tokens, 0, 25, null, pacer)), "features-ui", uiFeatures(), Integer.MAX_VALUE));

        StreamCollector cancelling = new StreamCollector(3);
        replay(dir, ReplaySpeed.ORIGINAL).chat(uiFeatures(), cancelling);
        assertThat(cancelling.done).failsWithin(Duration.ofMillis(600)).withThrowableOfType(TimeoutException.class);
        assertThat(cancelling.tokens).hasSize(3);
        assertThat(cancelling.handle.get().isCancelled()).isTrue();
    }

    @Test
    void shouldRecordACancelledStreamAsCancelledAndReplayItWithoutAnEnd() throws Exception {
        List<String> tokens = IntStream.range(0, 40).mapToObj(i -> "t" + i).toList();
        StreamCollector original = record(recorded(new PacedModel(tokens, 0, 10, null, pacer)), "features-ui",
                uiFeatures(), 5);
        assertThat(original.done).failsWithin(Duration.ofMillis(600)).withThrowableOfType(TimeoutException.class);

        List<JsonNode> lines = lines(dir.resolve("g-1/features-ui-1.jsonl"));
        assertThat(lines.get(lines.size() - 1).get("end").asText()).isEqualTo("cancelled");
        assertThat(lines).hasSize(1 + 5 + 1);

        StreamCollector replayed = new StreamCollector();
        replay(dir, ReplaySpeed.FLAT).chat(uiFeatures(), replayed);
        assertThat(replayed.done).failsWithin(Duration.ofMillis(500)).withThrowableOfType(TimeoutException.class);
        assertThat(replayed.tokens).containsExactlyElementsOf(tokens.subList(0, 5));
    }

    @Test
    void shouldReplayARecordedErrorAsTheSameError() throws Exception {
        List<String> tokens = List.of("const ", "a", " = ", "1;\n");
        HttpException rateLimit = new HttpException(429, "Rate limit reached. Please try again in 2s.");
        StreamCollector original = record(recorded(new PacedModel(tokens, 0, 5, new RuntimeException("wrapped", rateLimit), pacer)),
                "features-ui", uiFeatures(), Integer.MAX_VALUE);
        assertThatThrownBy(() -> await(original)).isInstanceOf(ExecutionException.class);

        StreamCollector replayed = new StreamCollector();
        replay(dir, ReplaySpeed.FLAT).chat(uiFeatures(), replayed);
        assertThatThrownBy(() -> await(replayed)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(HttpException.class).hasMessage("Rate limit reached. Please try again in 2s.")
                .satisfies(e -> assertThat(((HttpException) e).statusCode()).isEqualTo(429));
        assertThat(replayed.tokens).containsExactlyElementsOf(tokens);
    }

    @Test
    void shouldGiveARetryTheRecordedRetryAndPickTheRecordingOfTheSamePrompt() throws Exception {
        await(record(recorded(new PacedModel(List.of("list"), 0, 1, null, pacer)), "features-ui-provide",
                request(Role.UI, Phase.FEATURES, "provide the list component"), Integer.MAX_VALUE));
        StreamCollector failed = record(recorded(new PacedModel(List.of("half"), 0, 1, new HttpException(503, "overloaded"), pacer)),
                "features-ui", uiFeatures(), Integer.MAX_VALUE);
        assertThatThrownBy(() -> await(failed)).isInstanceOf(ExecutionException.class);
        await(record(recorded(new PacedModel(List.of("whole"), 0, 1, null, pacer)), "features-ui", uiFeatures(), Integer.MAX_VALUE));

        ReplayStreamingChatModel replay = replay(dir, ReplaySpeed.FLAT);
        StreamCollector first = new StreamCollector();
        replay.chat(uiFeatures(), first);
        assertThatThrownBy(() -> await(first)).cause().isInstanceOf(HttpException.class).hasMessage("overloaded");
        StreamCollector retry = new StreamCollector();
        replay.chat(uiFeatures(), retry);
        await(retry);
        assertThat(retry.text()).isEqualTo("whole");
        StreamCollector provide = new StreamCollector();
        replay.chat(request(Role.UI, Phase.FEATURES, "provide the list component"), provide);
        await(provide);
        assertThat(provide.text()).isEqualTo("list");
    }

    @Test
    void shouldFailARequestWithNoRecordingNamingTheDirectoryRoleAndPhase() throws Exception {
        await(record(recordingFactory().create(template()), "features-ui", uiFeatures(), Integer.MAX_VALUE));

        StreamCollector missing = new StreamCollector();
        replay(dir, ReplaySpeed.FLAT).chat(request(Role.LOGIC, Phase.SKELETON, "write the logic"), missing);
        assertThatThrownBy(() -> await(missing)).cause().isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString()).hasMessageContaining("role LOGIC")
                .hasMessageContaining("phase SKELETON").hasMessageContaining("UI/FEATURES");
    }

    @Test
    void shouldNotBuildAReplayModelWithoutItsDirectory() {
        ModelFactory factory = new ModelFactory(scheduler, Map.<String, String>of()::get);
        ModelSettings noDir = new ModelSettings("replay", "x", Optional.empty(), Optional.empty(), Duration.ofSeconds(1), 0);
        assertThatThrownBy(() -> factory.create(noDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("streamgen.llm.replay-dir");
        ModelSettings gone = new ModelSettings("replay", "x", Optional.empty(), Optional.empty(), Duration.ofSeconds(1), 0,
                Optional.of(dir.resolve("nowhere")), ReplaySpeed.FLAT);
        assertThatThrownBy(() -> factory.create(gone)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("does not exist");
        assertThat(gone.displayName()).isEqualTo("replay:nowhere");
    }

    @Test
    void shouldKeepStreamingWhenTheRecordingCannotBeWritten() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file, not a directory");
        ModelFactory factory = new ModelFactory(scheduler, Map.<String, String>of()::get, Optional.of(notADirectory));
        StreamCollector collector = new StreamCollector();
        ModelFactory.forTask(factory.create(template()), "g-1", "features-ui").chat(uiFeatures(), collector);
        ChatResponse response = await(collector);
        assertThat(collector.text()).isNotEmpty().isEqualTo(response.aiMessage().text());
    }

    @Test
    void shouldKeepFileNamesInsideTheRecordDirectory() throws Exception {
        await(record(recorded(new PacedModel(List.of("x"), 0, 1, null, pacer)), "../../escape", uiFeatures(), Integer.MAX_VALUE));
        assertThat(dir.resolve("g-1/_._.._escape-1.jsonl")).exists();
        assertThat(RecordingStreamingChatModel.safeName("..")).isEqualTo("_.");
    }
}
