package io.streamgen.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.agent.model.EnsembleStreamingChatModel;
import io.streamgen.agent.model.FakeStreamingServer;
import io.streamgen.agent.model.ModelFactory;
import io.streamgen.agent.model.ModelSettings;
import io.streamgen.agent.model.NamedModel;
import io.streamgen.agent.output.AnswerCheck;
import io.streamgen.agent.output.CorpusRoutingTest;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.EnsemblePolicy;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SwitchCause;
import io.streamgen.source.LayoutContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Failover and ensembles through langchain4j's real OpenAI client, against loopback servers that
 * speak OpenAI's streaming protocol: a model that stalls mid-answer and one that takes over; three
 * models of which the medium-fast, valid one must win. Prints the figures the README quotes:
 * failover's added delay and repeated code, and the ensemble's time to a valid answer against
 * its slowest member's.
 */
class LoopbackFailoverTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ModelFactory factory = new ModelFactory(scheduler, name -> null);
    private final PromptBuilder prompts = new PromptBuilder("{{role}}", "{{instructions}}{{context}}", "", 2000);
    private final List<FakeStreamingServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(FakeStreamingServer::close);
        scheduler.shutdownNow();
    }

    private static String corpus(String answer) throws Exception {
        var file = CorpusRoutingTest.CORPUS.resolve("todo-tags/faithful").resolve(answer);
        Assumptions.assumeTrue(Files.isRegularFile(file), "the corpus is in e2e/src/test/resources");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Pieces of four characters, about a tokenizer's. */
    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 4) {
            out.add(text.substring(i, Math.min(text.length(), i + 4)));
        }
        return out;
    }

    private FakeStreamingServer server(String answer, long pauseMillis) throws Exception {
        List<String> tokens = pieces(answer);
        FakeStreamingServer server = new FakeStreamingServer("/v1/chat/completions", FakeStreamingServer.OPENAI,
                body -> tokens, pauseMillis);
        servers.add(server);
        return server;
    }

    private NamedModel model(String name, FakeStreamingServer server) {
        StreamingChatModel model = factory.create(new ModelSettings("openai", name, Optional.of(server.baseUrl("/v1/")),
                Optional.empty(), Duration.ofSeconds(20), 0));
        return new NamedModel("openai:" + name, model);
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

    /** Stall deadlines of 500 ms checked every 50 ms; a retry backoff of 30 s a failover must not wait for. */
    private static final TaskSettings SETTINGS = new TaskSettings(Duration.ofSeconds(30), 2, Duration.ofSeconds(30),
            Duration.ofMillis(500), 4096, 100, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMillis(50));

    private Map<String, String> run(Role role, TimedOutput output, List<NamedModel> chain) throws Exception {
        AgentTask task = AgentTask.newBuilder().setGenerationId("g").setTaskId("features-" + role.name().toLowerCase(Locale.ROOT))
                .setAttempt(1).setPhase(Phase.FEATURES).setRole(role).setInstructions("write it").setPrompt("a todo app")
                .setCreatedAt(Instant.now()).build();
        var outcome = new TaskExecution(task, 1, chain, new TaskExecution.Deps(output, prompts, behaviour(role),
                AgentMetrics.NONE, scheduler, Clock.systemUTC(), SETTINGS)).start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(outcome).as("statuses %s", output.recorded.statuses).isEqualTo(TaskExecution.Outcome.DONE);
        return output.recorded.text(1);
    }

    @Test
    void shouldFailOverFromAStallToAModelThatRestartsItsAnswerWithNothingRepeatedOrLost() throws Exception {
        String answer = corpus("features-ui.md");
        // chat models asked to go on commonly start again from the top: the published overlap is skipped
        failOver(answer, server(answer, PAUSE), "restarted its answer from the top");
    }

    @Test
    void shouldFailOverFromAStallToAModelThatContinuesWithNothingRepeatedOrLost() throws Exception {
        String answer = corpus("features-ui.md");
        List<String> whole = pieces(answer);
        FakeStreamingServer continues = new FakeStreamingServer("/v1/chat/completions", FakeStreamingServer.OPENAI,
                body -> continuation(answer, body).map(LoopbackFailoverTest::pieces).orElse(whole), PAUSE);
        servers.add(continues);
        failOver(answer, continues, "went on from where the published text stops");
    }

    private static final long PAUSE = 2;

    /** The rest of {@code answer} after the published text a continuation request carries (its assistant turn). */
    private static Optional<String> continuation(String answer, String body) {
        try {
            for (var message : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("messages")) {
                if (message.path("role").asText().equals("assistant")) {
                    String published = message.path("content").asText();
                    String tail = published.substring(Math.max(0, published.length() - 60));
                    int at = answer.indexOf(tail);
                    return at < 0 ? Optional.empty() : Optional.of(answer.substring(at + tail.length()));
                }
            }
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A model that stalls after 40 % of the answer, then {@code takesOver}: exact files, and the figures. */
    private void failOver(String answer, FakeStreamingServer takesOver, String how) throws Exception {
        Map<String, String> whole = run(Role.UI, new TimedOutput(), List.of(model("whole", server(answer, PAUSE))));
        int stallAfter = pieces(answer).size() * 2 / 5;
        FakeStreamingServer stalls = server(answer, PAUSE).stallingAfter(stallAfter);
        TimedOutput output = new TimedOutput();
        Map<String, String> published = run(Role.UI, output, List.of(model("stalls", stalls), model("takes-over", takesOver)));

        assertThat(published).as("the files are exactly the uninterrupted answer's").isEqualTo(whole);
        List<CodeChunk> content = output.recorded.chunks.stream().filter(c -> c.getOp() != ChunkOp.END).toList();
        long publishedChars = content.stream().mapToLong(c -> c.getText().length()).sum();
        long wholeChars = whole.values().stream().mapToLong(String::length).sum();
        assertThat(publishedChars).as("no character published twice").isEqualTo(wholeChars);
        assertThat(content).filteredOn(c -> c.getModel().equals("openai:stalls")).as("statements before the stall").isNotEmpty();
        assertThat(content).filteredOn(c -> c.getModel().equals("openai:takes-over")).isNotEmpty();
        assertThat(stalls.clientClosed.await(10, TimeUnit.SECONDS)).as("the stalled stream was closed").isTrue();
        AgentStatus switched = output.recorded.statuses.stream().filter(s -> s.getModelSwitch() != null).findFirst().orElseThrow();
        assertThat(switched.getModelSwitch().getCause()).isEqualTo(SwitchCause.FAILOVER);
        assertThat(switched.getModelSwitch().getReason()).contains("stalled");

        long deadlineFired = output.sentNanos.get(switched);
        CodeChunk firstOfNext = content.stream().filter(c -> c.getModel().equals("openai:takes-over")).findFirst().orElseThrow();
        long deadlineToFirstToken = takesOver.firstTokenNanos - deadlineFired;
        long deadlineToFirstChunk = output.sentNanos.get(firstOfNext) - deadlineFired;
        System.out.printf(Locale.ROOT, "FAILOVER (loopback, real OpenAI client, %d tokens of %d ms, stall after %d tokens,"
                        + " inter-token deadline 500 ms checked every 50 ms; the next model %s): last token -> deadline"
                        + " fired %d ms; deadline -> next model's first token %d ms; deadline -> its first published chunk"
                        + " %d ms; characters repeated %d, lost %d%n",
                pieces(answer).size(), PAUSE, stallAfter, how, ms(deadlineFired - stalls.lastTokenNanos),
                ms(deadlineToFirstToken), ms(deadlineToFirstChunk), Math.max(0, publishedChars - wholeChars),
                Math.max(0, wholeChars - publishedChars));
        assertThat(ms(deadlineToFirstToken)).as("no backoff before another provider").isLessThan(5_000);
    }

    @Test
    void shouldLetTheFirstValidOfThreeWinAndCloseTheSlowOnesConnection() throws Exception {
        String valid = corpus("features-logic.md");
        String invalid = valid.replace("return store.todos.get(Number(id)) ?? null;", "return store.todos.get(Number(id)) ?? ;");
        assertThat(invalid).isNotEqualTo(valid);
        Map<String, String> expected = run(Role.LOGIC, new TimedOutput(), List.of(model("alone", server(valid, 0))));

        FakeStreamingServer fastInvalid = server(invalid, 1);
        FakeStreamingServer mediumValid = server(valid, 3);
        FakeStreamingServer slowValid = server(valid, 10);
        LayoutContract layout = LayoutContract.forStack("javascript-node");
        NamedModel fast = model("fast-invalid", fastInvalid);
        EnsembleStreamingChatModel ensemble = new EnsembleStreamingChatModel(
                List.of(fast, model("medium-valid", mediumValid), model("slow-valid", slowValid)), EnsemblePolicy.FIRST_VALID,
                new AnswerCheck(language -> layout.defaultFile("logic", language)), Duration.ofSeconds(5),
                Duration.ofSeconds(5), scheduler);
        TimedOutput output = new TimedOutput();
        long start = System.nanoTime();
        Map<String, String> published = run(Role.LOGIC, output, List.of(new NamedModel(fast.name(), ensemble)));

        assertThat(published).isEqualTo(expected);
        assertThat(slowValid.clientClosed.await(10, TimeUnit.SECONDS)).as("the slow member's connection was closed").isTrue();
        ModelSwitch decision = output.recorded.statuses.stream().map(AgentStatus::getModelSwitch).filter(Objects::nonNull)
                .findFirst().orElseThrow();
        assertThat(decision.getCause()).isEqualTo(SwitchCause.ENSEMBLE);
        assertThat(decision.getFromModel()).isEqualTo("openai:fast-invalid");
        assertThat(decision.getToModel()).isEqualTo("openai:medium-valid");
        assertThat(decision.getReason()).contains("openai:fast-invalid answered, but src/logic.js does not parse")
                .contains("openai:slow-valid cancelled");
        assertThat(output.recorded.chunks).allMatch(c -> c.getModel().equals("openai:medium-valid"));

        long firstChunk = output.recorded.chunks.stream().map(output.sentNanos::get).min(Long::compare).orElseThrow();
        long slowAlone = fullTime(valid, 10);
        System.out.printf(Locale.ROOT, "ENSEMBLE first-valid (loopback, real OpenAI client, %d tokens; members at 1, 3, 10 ms"
                        + " a token; the fast one does not parse): first valid chunk after %d ms; the slowest member alone"
                        + " takes %d ms; decision: %s%n",
                pieces(valid).size(), ms(firstChunk - start), ms(slowAlone), decision.getReason());
        assertThat(firstChunk - start).isLessThan(slowAlone);
    }

    /** How long a model at this pace takes for the whole answer, alone. */
    private long fullTime(String answer, long pauseMillis) throws Exception {
        FakeStreamingServer server = server(answer, pauseMillis);
        long start = System.nanoTime();
        run(Role.LOGIC, new TimedOutput(), List.of(model("timed", server)));
        return server.lastTokenNanos - start;
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Keeps what it is given, with the moment each record was sent. */
    static final class TimedOutput implements AgentOutput {
        final RecordingOutput recorded = new RecordingOutput();
        final Map<Object, Long> sentNanos = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

        @Override
        public CompletionStage<Void> chunk(CodeChunk chunk) {
            sentNanos.put(chunk, System.nanoTime());
            return recorded.chunk(chunk);
        }

        @Override
        public CompletionStage<Void> status(AgentStatus status) {
            sentNanos.put(status, System.nanoTime());
            return recorded.status(status);
        }

        @Override
        public CompletionStage<Void> bus(AgentMessage message) {
            return recorded.bus(message);
        }
    }
}
