package io.streamgen.e2e;

import static io.streamgen.e2e.E2eProcesses.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.cli.CoordinatorFiles;
import io.streamgen.cli.FollowFrom;
import io.streamgen.cli.KafkaGenerations;
import io.streamgen.cli.LocalStack;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.EnsemblePolicy;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.ModelPlan;
import io.streamgen.schema.Role;
import io.streamgen.schema.SwitchCause;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.ModelChanged;
import io.streamgen.schema.event.TaskStateChanged;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole stack driven by a real model client: every agent streams through langchain4j's
 * OpenAI-compatible client from a model on loopback ({@link CorpusModelServer}) that answers with
 * the realistic corpus, faithful and deviating, and fails the way providers fail. Each generation
 * must complete with exactly the expected project, and that project's own tests must pass.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RealModelIT {

    private static final Path CORPUS = Path.of("src/test/resources/corpus").toAbsolutePath();
    /** One generation's model calls as the record wrapper wrote them, shipped for the replay provider. */
    private static final Path SHIPPED_RECORDINGS = Path.of("src/test/resources/recordings/todo-tags-deviating").toAbsolutePath();
    private static final Duration GENERATION_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern HINT = Pattern.compile("^\\s*(//|/\\*|<!--)\\s*@(route|component)\\b.*$");
    private static CorpusModelServer model;
    private static LocalStack stack;
    private static Path state;

    @BeforeAll
    static void up() throws Exception {
        model = new CorpusModelServer(CORPUS, 0);
        state = Files.createTempDirectory("streamgen-real-model");
        stack = E2eProcesses.stack(state, -1).withAgentEnvironment(Map.ofEntries(
                Map.entry("STREAMGEN_LLM_PROVIDER", "openai"),
                Map.entry("STREAMGEN_LLM_BASE_URL", model.baseUrl()),
                Map.entry("STREAMGEN_LLM_MODEL", "todo-tags/faithful"),
                Map.entry("STREAMGEN_LLM_ALLOWED_MODELS", "openai:*,anthropic:*,replay:*"),
                Map.entry("STREAMGEN_LLM_RECORD_DIR", state.resolve("recordings").toString()),
                Map.entry("STREAMGEN_LLM_REPLAY_DIR", SHIPPED_RECORDINGS.toString()),
                Map.entry("STREAMGEN_LLM_REPLAY_SPEED", "flat"),
                Map.entry("STREAMGEN_AGENT_RETRY_BACKOFF", "200MS"),
                // on, but every request here opts out but the cache's own test (they repeat prompts on purpose)
                Map.entry("STREAMGEN_CACHE_ENABLED", "true"),
                // a small context budget, as a small model's window makes it: later tasks' contexts are cut
                Map.entry("STREAMGEN_AGENT_CONTEXT_BUDGET_TOKENS", "400"),
                Map.entry("OPENAI_API_KEY", ""),
                Map.entry("ANTHROPIC_API_KEY", "")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        stack.up(Duration.ofMinutes(4), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void down() throws IOException {
        if (stack != null) {
            stack.down(System.out);
        }
        if (model != null) {
            model.close();
        }
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"todo-tags, faithful", "todo-tags, deviating", "expense-tracker, faithful", "expense-tracker, deviating"})
    void shouldBuildTheExpectedProjectFromRealisticAnswers(String request, String set) throws Exception {
        Generation generation = start(request, set);

        Object end = generation.end.get(4, TimeUnit.MINUTES).event().getPayload();

        assertThat(end).as(generation.describe()).isInstanceOf(GenerationCompleted.class);
        assertProjectIsTheExpectedOne(generation, request, set.equals("deviating"));
    }

    @Test
    void shouldRideOutRateLimitsOutagesAndCutStreams() throws Exception {
        model.inject("skeleton-api", CorpusModelServer.Fault.RATE_LIMITED);
        model.inject("features-logic", CorpusModelServer.Fault.CUT_MID_STREAM);
        model.inject("features-ui", CorpusModelServer.Fault.UNAVAILABLE);
        model.inject("test-testing", CorpusModelServer.Fault.CUT_MID_STREAM);
        Generation generation = start("expense-tracker", "deviating");

        Object end = generation.end.get(4, TimeUnit.MINUTES).event().getPayload();

        assertThat(end).as(generation.describe()).isInstanceOf(GenerationCompleted.class);
        assertProjectIsTheExpectedOne(generation, "expense-tracker", true);
        assertThat(model.callsFor("expense-tracker/deviating", "features-logic").get(1).text())
                .as("the continuation shows the model what was published and asks it to go on")
                .contains("Your answer was interrupted");
        assertThat(generation.notes()).anyMatch(n -> n.contains("rate limited")).anyMatch(n -> n.contains("HTTP 503"));
    }

    @Test
    void shouldResumeARestartingModelAfterAPauseWithNothingTwice() throws Exception {
        Generation generation = start("todo-tags", "faithful+slow");
        generation.await(e -> e.event().getPayload() instanceof TaskStateChanged t && t.getState() == AgentState.STREAMING
                && t.getPhase() == io.streamgen.schema.Phase.FEATURES && t.getTokens() > 50);

        generation.send(InterventionAction.PAUSE, null);
        generation.await(e -> e.event().getPayload() instanceof TaskStateChanged t && t.getState() == AgentState.PAUSED
                && t.getPhase() == io.streamgen.schema.Phase.FEATURES);
        Thread.sleep(500);
        generation.send(InterventionAction.RESUME, null);

        Object end = generation.end.get(4, TimeUnit.MINUTES).event().getPayload();
        assertThat(end).as(generation.describe()).isInstanceOf(GenerationCompleted.class);
        assertThat(model.calls).as("a continuation was asked for, and the model restarted its answer")
                .anyMatch(c -> c.model().equals("todo-tags/faithful+slow") && c.text().contains("Your answer was interrupted"));
        assertProjectIsTheExpectedOne(generation, "todo-tags", false);
    }

    @Test
    void shouldPutTheSteeringTextInTheModelsPrompt() throws Exception {
        Generation generation = start("expense-tracker", "faithful+slow");
        generation.await(e -> e.event().getPayload() instanceof TaskStateChanged t && t.getState() == AgentState.STREAMING
                && t.getRole() == Role.LOGIC && t.getTokens() > 20);

        generation.send(InterventionAction.STEER, "keep every function under ten lines");

        Object end = generation.end.get(4, TimeUnit.MINUTES).event().getPayload();
        assertThat(end).as(generation.describe()).isInstanceOf(GenerationCompleted.class);
        assertThat(model.calls).filteredOn(c -> c.model().equals("expense-tracker/faithful+slow"))
                .as("the steering reached the model").anyMatch(c -> c.text().contains("keep every function under ten lines"));
        assertProjectIsTheExpectedOne(generation, "expense-tracker", false);
    }

    @Test
    void shouldFailAGenerationWhoseModelCannotBeBuiltAndCompleteTheNextOne() throws Exception {
        Generation broken = start("todo-tags", "faithful", Map.of(Role.UI, "anthropic:claude-sonnet-4-5"));

        Object end = broken.end.get(4, TimeUnit.MINUTES).event().getPayload();

        assertThat(end).isInstanceOfSatisfying(GenerationFailed.class, failed -> assertThat(failed.getReason())
                .contains("anthropic:claude-sonnet-4-5").contains("ANTHROPIC_API_KEY"));
        Generation next = start("todo-tags", "faithful");
        assertThat(next.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(next.describe())
                .isInstanceOf(GenerationCompleted.class);
        assertProjectIsTheExpectedOne(next, "todo-tags", false);
    }

    @Test
    void shouldRecordEveryModelCallOfAGeneration() throws Exception {
        Generation generation = start("todo-tags", "deviating");
        assertThat(generation.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(generation.describe())
                .isInstanceOf(GenerationCompleted.class);

        Path recorded = state.resolve("recordings").resolve(generation.id);
        List<String> files;
        try (Stream<Path> walk = Files.list(recorded)) {
            files = walk.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).as("one recording per task").hasSize(9).allMatch(f -> f.endsWith("-1.jsonl"))
                .contains("skeleton-api-1.jsonl", "optimize-optimization-1.jsonl", "test-testing-1.jsonl");
        StringBuilder recordedAnswer = new StringBuilder();
        for (String line : Files.readAllLines(recorded.resolve("features-logic-1.jsonl"))) {
            JsonNode entry = new ObjectMapper().readTree(line);
            if (entry.has("t") && entry.has("text")) {
                recordedAnswer.append(entry.get("text").asText());
            }
        }
        assertThat(recordedAnswer.toString()).as("the recording holds the answer as it was streamed")
                .isEqualTo(Files.readString(CORPUS.resolve("todo-tags/deviating/features-logic.md")));
        if (Boolean.getBoolean("streamgen.recordings.ship")) {
            // ./mvnw -pl e2e verify -Dit.test=RealModelIT#shouldRecordEveryModelCallOfAGeneration -Dstreamgen.recordings.ship=true
            Files.createDirectories(SHIPPED_RECORDINGS);
            for (String file : files) {
                Files.copy(recorded.resolve(file), SHIPPED_RECORDINGS.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void shouldReplayARecordedGenerationWithNoModelAndNoNetwork() throws Exception {
        int callsBefore = model.calls.size();
        Map<Role, String> replay = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            replay.put(role, "replay:todo-tags-deviating");
        }
        Generation generation = start("todo-tags", "deviating", replay);

        assertThat(generation.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(generation.describe())
                .isInstanceOf(GenerationCompleted.class);
        assertThat(model.calls).as("no model was called").hasSize(callsBefore);
        assertProjectIsTheExpectedOne(generation, "todo-tags", true);
    }

    @Test
    void shouldAnswerARepeatedGenerationFromTheResponseCache() throws Exception {
        String model = "expense-tracker/faithful+slow";
        int before = callsOf(model);
        long t0 = System.nanoTime();
        Generation first = start("expense-tracker", "faithful+slow", Map.of(), true);
        assertThat(first.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(first.describe())
                .isInstanceOf(GenerationCompleted.class);
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        int firstCalls = callsOf(model) - before;

        long t1 = System.nanoTime();
        Generation second = start("expense-tracker", "faithful+slow", Map.of(), true);
        assertThat(second.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(second.describe())
                .isInstanceOf(GenerationCompleted.class);
        long secondMillis = (System.nanoTime() - t1) / 1_000_000;
        int secondCalls = callsOf(model) - before - firstCalls;
        long tasks = second.events.stream().map(e -> e.event().getPayload())
                .filter(p -> p instanceof TaskStateChanged t && t.getState() == AgentState.DONE).count();
        long hits = second.events.stream().map(e -> e.event().getPayload())
                .filter(p -> p instanceof io.streamgen.schema.event.AnswerCached).count();

        System.out.printf("response cache: first %d ms with %d model calls; repeated %d ms with %d model calls,"
                + " %d of %d tasks answered from the cache (hit rate %.0f %%), %.0f %% of the time saved%n",
                firstMillis, firstCalls, secondMillis, secondCalls, hits, tasks, 100.0 * hits / Math.max(1, tasks),
                100.0 * (firstMillis - secondMillis) / firstMillis);
        assertThat(firstCalls).isEqualTo((int) tasks);
        assertThat(secondCalls).as("the repeated generation called the model less").isLessThan(firstCalls);
        assertThat(hits).isEqualTo(tasks - secondCalls);
        assertThat(second.events).map(e -> e.event().getPayload()).filteredOn(io.streamgen.schema.event.AnswerCached.class::isInstance)
                .allSatisfy(p -> assertThat(((io.streamgen.schema.event.AnswerCached) p).getProvenance().getSourceGenerationId())
                        .isEqualTo(first.id));
        assertThat(secondMillis).isLessThan(firstMillis);
        assertProjectIsTheExpectedOne(second, "expense-tracker", false);

        // the first generation's contexts did not fit the 400-token budget: cut, said, counted
        List<io.streamgen.schema.event.ContextTrimmed> trimmed = first.events.stream().map(e -> e.event().getPayload())
                .filter(io.streamgen.schema.event.ContextTrimmed.class::isInstance)
                .map(io.streamgen.schema.event.ContextTrimmed.class::cast).toList();
        io.streamgen.schema.event.GenerationAnalytics analytics = first.events.stream().map(e -> e.event().getPayload())
                .filter(io.streamgen.schema.event.GenerationAnalytics.class::isInstance)
                .map(io.streamgen.schema.event.GenerationAnalytics.class::cast).findFirst().orElseThrow();
        long promptTokens = analytics.getUsage().stream().mapToLong(u -> u.getPromptTokens()).sum();
        System.out.printf("context: %d of %d tasks trimmed (%s summarised, %s dropped); prompt tokens %d sent, %d saved"
                + " against sending every entry whole%n", trimmed.size(), tasks,
                trimmed.stream().mapToInt(t -> t.getReport().getSummarised().size()).sum(),
                trimmed.stream().mapToInt(t -> t.getReport().getDropped().size()).sum(), promptTokens,
                analytics.getPromptTokensSaved());
        assertThat(trimmed).isNotEmpty().allSatisfy(t -> assertThat(t.getReport().getUsedTokens())
                .isLessThanOrEqualTo(t.getReport().getBudgetTokens()));
        assertThat(analytics.getPromptTokensSaved()).isPositive();
        assertThat(analytics.getCacheHits()).isZero();
        assertThat(second.events.stream().map(e -> e.event().getPayload())
                .filter(io.streamgen.schema.event.GenerationAnalytics.class::isInstance)
                .map(io.streamgen.schema.event.GenerationAnalytics.class::cast).findFirst().orElseThrow().getCacheHits())
                .isEqualTo((int) hits);
    }

    @Test
    void shouldReDeriveAFinishedGenerationWithAnotherMergeStrategyWithoutAnyModel() throws Exception {
        Generation source = start("todo-tags", "deviating");
        assertThat(source.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(source.describe())
                .isInstanceOf(GenerationCompleted.class);
        int callsBefore = model.calls.size();

        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/generations/" + source.id + "/rederive"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mergeStrategy\":\"three-way\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String derivedId = new ObjectMapper().readTree(answer.body()).get("generationId").asText();
        Generation derived = Generation.follow(derivedId);

        assertThat(derived.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(derived.describe())
                .isInstanceOf(GenerationCompleted.class);
        assertThat(model.calls).as("no model was called").hasSize(callsBefore);
        assertThat(derived.events).map(e -> e.event().getPayload()).filteredOn(TaskStateChanged.class::isInstance)
                .map(p -> ((TaskStateChanged) p).getModel()).filteredOn(m -> !m.isEmpty())
                .containsOnly("rederive:" + source.id);
        assertThat(derived.events).map(e -> e.event().getPayload())
                .filteredOn(io.streamgen.schema.event.GenerationStarted.class::isInstance).singleElement()
                .satisfies(p -> assertThat(((io.streamgen.schema.event.GenerationStarted) p).getMergeStrategy())
                        .isEqualTo(io.streamgen.schema.MergeStrategy.THREE_WAY));
        assertProjectIsTheExpectedOne(derived, "todo-tags", true);
        assertFilesViewRebuildsEveryFile(derived.id);

        java.net.http.HttpResponse<String> running = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/generations/nope-"
                        + UUID.randomUUID() + "/rederive")).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60)).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(running.statusCode()).as("an unknown source: %s", running.body()).isEqualTo(404);
    }

    @Test
    void shouldReDeriveAFinishedGenerationFromItsSkeletonCheckpointWithoutAnyModel() throws Exception {
        Generation source = start("todo-tags", "deviating");
        assertThat(source.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(source.describe())
                .isInstanceOf(GenerationCompleted.class);
        int callsBefore = model.calls.size();

        java.net.http.HttpResponse<String> answer = rederive(source.id, "{\"fromCheckpoint\":1}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode accepted = new ObjectMapper().readTree(answer.body());
        assertThat(accepted.path("fromCheckpoint").asInt()).isEqualTo(1);
        Generation derived = Generation.follow(accepted.get("generationId").asText());

        assertThat(derived.end.get(4, TimeUnit.MINUTES).event().getPayload()).as(derived.describe())
                .isInstanceOf(GenerationCompleted.class);
        assertThat(model.calls).as("no model was called").hasSize(callsBefore);
        List<Object> payloads = derived.events.stream().map(e -> (Object) e.event().getPayload()).toList();
        assertThat(payloads).filteredOn(TaskStateChanged.class::isInstance).map(TaskStateChanged.class::cast)
                .as("checkpoint 1 is the skeleton's end: no skeleton task runs again").isNotEmpty()
                .allSatisfy(t -> assertThat(t.getPhase()).isNotEqualTo(io.streamgen.schema.Phase.SKELETON))
                .extracting(TaskStateChanged::getModel).filteredOn(m -> !m.isEmpty()).containsOnly("rederive:" + source.id);
        assertThat(payloads).filteredOn(io.streamgen.schema.event.PhaseChanged.class::isInstance)
                .map(p -> ((io.streamgen.schema.event.PhaseChanged) p).getPhase())
                .doesNotContain(io.streamgen.schema.Phase.SKELETON).contains(io.streamgen.schema.Phase.FEATURES);
        // its first events after the start are the skeleton checkpoint's files, then its own checkpoint 1
        JsonNode skeleton = new ObjectMapper().readTree(get(stack.gatewayUrl() + "/api/generations/" + source.id
                + "/checkpoints/1").body());
        Map<String, String> seeded = new TreeMap<>();
        for (Object payload : payloads.subList(1, payloads.size())) {
            if (!(payload instanceof io.streamgen.schema.event.FileChanged changed)) {
                assertThat(payload).isInstanceOfSatisfying(io.streamgen.schema.event.CheckpointTaken.class,
                        taken -> assertThat(taken.getCheckpointId()).isEqualTo(1));
                break;
            }
            seeded.put(changed.getPath(), changed.getContent());
        }
        Map<String, String> atSkeleton = new TreeMap<>();
        skeleton.path("files").fields().forEachRemaining(f -> atSkeleton.put(f.getKey(), f.getValue().path("content").asText()));
        assertThat(seeded).as("seeded with the source's checkpoint 1").isNotEmpty().isEqualTo(atSkeleton);

        assertThat(coordinatorFiles(derived.id)).as("the same project as the source's")
                .isEqualTo(coordinatorFiles(source.id));
        assertProjectIsTheExpectedOne(derived, "todo-tags", true);

        java.net.http.HttpResponse<String> unknown = rederive(source.id, "{\"fromCheckpoint\":99}");
        assertThat(unknown.statusCode()).as("an unknown checkpoint: %s", unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("fromCheckpoint").contains("has no checkpoint 99");
    }

    private static java.net.http.HttpResponse<String> rederive(String id, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/generations/" + id + "/rederive"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static java.net.http.HttpResponse<String> get(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** path → content of a generation's files, as the coordinator holds them. */
    private static Map<String, String> coordinatorFiles(String id) throws Exception {
        Path out = state.resolve("coordinator-files-" + id);
        Map<String, String> files = new TreeMap<>();
        for (String file : new CoordinatorFiles(stack.coordinatorUrl(), stack.coordinatorApiSecret(), System.err).writeTo(id, out)) {
            files.put(file, Files.readString(out.resolve(file)));
        }
        return files;
    }

    /**
     * The gateway's {@code view=files} of a finished generation, replayed from its topic: the last
     * snapshot of each file is the whole file (rebuilt by the gateway from the diffs), the same as
     * the coordinator's copy; in the compact encoding too.
     */
    private static void assertFilesViewRebuildsEveryFile(String id) throws Exception {
        Map<String, String> coordinator = new TreeMap<>();
        Path out = state.resolve("files-view-" + id);
        for (String file : new CoordinatorFiles(stack.coordinatorUrl(), stack.coordinatorApiSecret(), System.err).writeTo(id, out)) {
            coordinator.put(file, Files.readString(out.resolve(file)));
        }
        for (String encoding : List.of("full", "compact")) {
            java.net.http.HttpResponse<Stream<String>> sse = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/generations/" + id
                            + "/events?view=files&encoding=" + encoding)).header("Accept", "text/event-stream")
                            .timeout(Duration.ofSeconds(60)).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
            Map<String, String> snapshots = new TreeMap<>();
            boolean compact = encoding.equals("compact");
            try (Stream<String> lines = sse.body()) {
                lines.filter(l -> l.startsWith("data:")).map(l -> readJson(l.substring(5).strip()))
                        .takeWhile(e -> !List.of("generation-completed", "generation-failed")
                                .contains(e.path(compact ? "t" : "type").asText()))
                        .forEach(e -> snapshots.put(compact ? e.get("p").asText() : e.get("payload").get("path").asText(),
                                e.path(compact ? "c" : "content").asText(null)));
            }
            assertThat(snapshots).as("view=files, %s encoding", encoding).isEqualTo(coordinator);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int callsOf(String name) {
        return (int) model.calls.stream().filter(c -> c.model().equals(name)).count();
    }

    @Test
    void shouldFailOverMidStreamAndLetAnEnsembleChooseWithTheExpectedProject() throws Exception {
        // LOGIC's first stream is cut half-way: its fallback (the same answers under another name) goes on
        model.inject("features-logic", CorpusModelServer.Fault.CUT_MID_STREAM);
        String fallback = "openai:todo-tags/faithful+slow";
        Map<Role, ModelPlan> plans = Map.of(
                Role.UI, ModelPlan.newBuilder().setFallbacks(List.of(fallback)).build(),
                Role.LOGIC, ModelPlan.newBuilder().setFallbacks(List.of(fallback)).build(),
                Role.API, ModelPlan.newBuilder().setEnsemble(List.of(fallback)).setPolicy(EnsemblePolicy.FIRST_VALID).build());
        // the UI's own model is one the server does not know (404): every UI task fails over at its start
        Generation generation = start("todo-tags", "faithful", Map.of(Role.UI, "openai:todo-tags/no-such-set"), false, plans);

        Object end = generation.end.get(4, TimeUnit.MINUTES).event().getPayload();

        assertThat(end).as(generation.describe()).isInstanceOf(GenerationCompleted.class);
        assertProjectIsTheExpectedOne(generation, "todo-tags", false);
        List<ModelChanged> changes = generation.events.stream().map(e -> e.event().getPayload())
                .filter(ModelChanged.class::isInstance).map(ModelChanged.class::cast).toList();
        assertThat(changes).as("model-changed events of %s", generation.describe())
                .anySatisfy(c -> {
                    assertThat(c.getRole()).isEqualTo(Role.LOGIC);
                    assertThat(c.getTaskId()).isEqualTo("features-logic");
                    assertThat(c.getChange().getCause()).isEqualTo(SwitchCause.FAILOVER);
                    assertThat(c.getChange().getFromModel()).isEqualTo("openai:todo-tags/faithful");
                    assertThat(c.getChange().getToModel()).isEqualTo(fallback);
                })
                .anySatisfy(c -> {
                    assertThat(c.getRole()).isEqualTo(Role.UI);
                    assertThat(c.getChange().getFromModel()).isEqualTo("openai:todo-tags/no-such-set");
                    assertThat(c.getChange().getReason()).contains("does not know the model");
                })
                .anySatisfy(c -> {
                    assertThat(c.getRole()).isEqualTo(Role.API);
                    assertThat(c.getChange().getCause()).isEqualTo(SwitchCause.ENSEMBLE);
                    assertThat(c.getChange().getReason()).contains("first valid answer");
                });
        assertThat(model.callsFor("todo-tags/faithful+slow", "features-logic")).as("the fallback was asked to go on")
                .singleElement().satisfies(call -> assertThat(call.text()).contains("Your answer was interrupted"));
    }

    private void assertProjectIsTheExpectedOne(Generation generation, String request, boolean dropHints) throws Exception {
        Path out = state.resolve("out-" + generation.id);
        List<String> files = new CoordinatorFiles(stack.coordinatorUrl(), stack.coordinatorApiSecret(), System.err).writeTo(generation.id, out);
        Path expected = CORPUS.resolve(request).resolve("expected");
        assertThat(files(out, dropHints)).as("files of %s", generation.id).isEqualTo(files(expected, dropHints));
        assertThat(files).hasSameSizeAs(files(expected, false).keySet());
        assertThat(run(out, Duration.ofSeconds(90), "node", "--test")).contains("# fail 0");
    }

    /** path → content, normalised as the corpus README says. */
    private static Map<String, String> files(Path root, boolean dropHints) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r", "");
                List<String> lines = text.lines().filter(l -> !dropHints || !HINT.matcher(l).matches())
                        .map(String::stripTrailing).toList();
                files.put(root.relativize(file).toString().replace('\\', '/'),
                        String.join("\n", lines).replaceAll("\n{3,}", "\n\n").strip());
            }
        }
        return files;
    }

    private static Generation start(String request, String set) throws IOException {
        return start(request, set, Map.of());
    }

    private static Generation start(String request, String set, Map<Role, String> overrides) throws IOException {
        return start(request, set, overrides, false);
    }

    /**
     * Submits the corpus request with every role on the model {@code <request>/<set>} (some roles
     * overridden), answered from the response cache only when {@code cache} is set.
     */
    private static Generation start(String request, String set, Map<Role, String> overrides, boolean cache) throws IOException {
        return start(request, set, overrides, cache, Map.of());
    }

    /** As above, with failover lists or ensembles for some roles. */
    private static Generation start(String request, String set, Map<Role, String> overrides, boolean cache,
                                    Map<Role, ModelPlan> plans) throws IOException {
        JsonNode json = new ObjectMapper().readTree(CORPUS.resolve(request).resolve("request.json").toFile());
        JsonNode flags = json.path("flags");
        Map<String, String> models = new TreeMap<>();
        for (Role role : Role.values()) {
            models.put(role.name(), overrides.getOrDefault(role, "openai:" + request + "/" + set));
        }
        GenerationRequested generation = GenerationRequested.newBuilder().setGenerationId("real-" + UUID.randomUUID())
                .setPrompt(json.path("prompt").asText())
                .setFlags(Flags.newBuilder().setParallel(flags.path("parallel").asBoolean())
                        .setOptimize(flags.path("optimize").asBoolean()).setTest(flags.path("test").asBoolean()).build())
                .setModels(models).setCache(cache).setModelPlans(plans.entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue)))
                .setRequestedBy("e2e").setRequestedAt(Instant.now()).build();
        return new Generation(generation);
    }

    /** One generation, followed in the background from its submission. */
    private static final class Generation {
        final String id;
        final List<KafkaGenerations.Event> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<KafkaGenerations.Event> end;

        Generation(GenerationRequested request) {
            this(request.getGenerationId(), request);
        }

        private Generation(String id, GenerationRequested request) {
            this.id = id;
            KafkaGenerations kafka = new KafkaGenerations(stack.bootstrapServers());
            if (request != null) {
                kafka.submit(request);
            }
            end = CompletableFuture.supplyAsync(() -> kafka.read(id, new FollowFrom.Submitted(Instant.now().minusSeconds(60)),
                    GENERATION_TIMEOUT, events::add));
        }

        /** A generation someone else submitted (the gateway), followed from its start. */
        static Generation follow(String id) {
            return new Generation(id, null);
        }

        void await(java.util.function.Predicate<KafkaGenerations.Event> condition) throws InterruptedException {
            long deadline = System.nanoTime() + GENERATION_TIMEOUT.toNanos();
            while (events.stream().noneMatch(condition)) {
                assertThat(System.nanoTime()).as("the awaited event of %s arrived: %s", id, describe()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        void send(InterventionAction action, String text) {
            new KafkaGenerations(stack.bootstrapServers()).intervene(Intervention.newBuilder()
                    .setInterventionId(UUID.randomUUID().toString()).setGenerationId(id).setAction(action).setText(text)
                    .setRequestedBy("e2e").setAt(Instant.now()).build());
        }

        List<String> notes() {
            return events.stream().map(e -> e.event().getPayload()).filter(TaskStateChanged.class::isInstance)
                    .flatMap(p -> ((TaskStateChanged) p).getNotes().stream()).toList();
        }

        /** The generation's task outcomes and failures, for assertion messages. */
        String describe() {
            Map<String, String> tasks = new java.util.LinkedHashMap<>();
            events.forEach(e -> {
                Object p = e.event().getPayload();
                if (p instanceof TaskStateChanged t && (t.getState() == AgentState.DONE || t.getState() == AgentState.FAILED)) {
                    tasks.put(t.getTaskId(), t.getState() + (t.getError() == null ? "" : " " + t.getError()) + " " + t.getNotes());
                } else if (p instanceof GenerationFailed f) {
                    tasks.put("generation", "FAILED " + f.getReason());
                }
            });
            return id + " " + tasks;
        }
    }
}
