package io.streamgen.e2e;

import static io.streamgen.e2e.E2eProcesses.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.cli.CoordinatorFiles;
import io.streamgen.cli.EventView;
import io.streamgen.cli.FollowFrom;
import io.streamgen.cli.GatewayGenerations;
import io.streamgen.cli.KafkaGenerations;
import io.streamgen.cli.LocalStack;
import io.streamgen.cli.StreamedEvent;
import io.streamgen.cli.StreamgenCommand;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.GenerationAnalytics;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole system as `streamgen up` runs it — the launcher's Kafka broker, the coordinator, the
 * five agents and the gateway, each its own process on free ports — with the offline model at full
 * speed. Generations are submitted to the requests topic as a platform team would.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class WholeSystemIT {

    private static final Duration GENERATION_TIMEOUT = Duration.ofMinutes(3);
    /** Fast, yet slow enough for a person (here: a test) to pause, cancel and steer mid-task. */
    private static final double TOKENS_PER_SECOND = 250;
    private static LocalStack stack;
    private static Path state;
    private static OtlpTraceReceiver traces;

    @BeforeAll
    static void up() throws Exception {
        state = Files.createTempDirectory("streamgen-e2e");
        traces = new OtlpTraceReceiver(); // tracing on, as a platform team runs it: everything below is traced
        stack = E2eProcesses.traced(E2eProcesses.stack(state, TOKENS_PER_SECOND), traces);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        stack.up(Duration.ofMinutes(4), new PrintStream(log, true, StandardCharsets.UTF_8));
        System.out.printf("stack up in %.1f s:%n%s", (System.nanoTime() - start) / 1e9, log);
        // no warm-up generation: the first test's generation is the first on an empty events topic,
        // where followers once skipped its first events (they now start from the end read before searching)
    }

    /**
     * The local stack is reachable from this machine only: every socket the broker, the services
     * and the apps the preview runs listen on is bound to loopback (what {@code ss -ltnp} shows).
     */
    @Test
    void shouldListenOnLoopbackOnly() throws Exception {
        List<Long> pids = new java.util.ArrayList<>();
        for (var service : stack.services()) {
            service.running().ifPresent(p -> {
                pids.add(p.pid());
                p.descendants().forEach(child -> pids.add(child.pid()));
            });
        }
        for (var node : stack.brokerNodes()) {
            io.streamgen.infra.kafka.KafkaBrokerProcess.runningBroker(node.dataDir()).ifPresent(p -> pids.add(p.pid()));
        }
        assertThat(pids).hasSizeGreaterThanOrEqualTo(8);

        List<ListeningSockets.Listener> listeners = ListeningSockets.of(pids);

        assertThat(listeners).as("the stack listens somewhere").hasSizeGreaterThanOrEqualTo(9);
        assertThat(listeners).as("every listening socket of the stack").allMatch(ListeningSockets.Listener::loopback);
    }

    /**
     * The preview runs the generated app: a generation started from the dashboard with preview on,
     * once finished, shows its own server's page in the dashboard's frame (on the app's own port,
     * apart from the dashboard's origin); a person adds an item there and sees it listed, which
     * takes the page's module script, its fetch to the app's API and the app's logic.
     */
    @Test
    void shouldRunTheGeneratedAppInThePreviewFrameAndLetAPersonUseIt() throws Exception {
        try (Browser browser = Browser.open(state)) {
            var driver = browser.driver;
            var wait = new WebDriverWait(driver, Duration.ofMinutes(3));
            driver.get(stack.gatewayUrl() + "/");
            driver.findElement(By.id("prompt")).sendKeys("a todo app");
            var preview = driver.findElement(By.cssSelector("input[name=preview]"));
            if (!preview.isSelected()) {
                preview.click();
            }
            driver.findElement(By.id("start-button")).click();
            wait.until(d -> d.findElement(By.id("connection")).getText().equals("ended"));
            // the frame shows the app's own server once the runner has (re)started it from the final files
            wait.until(d -> {
                String src = d.findElement(By.id("preview")).getAttribute("src");
                return src != null && src.startsWith("http://localhost:8") && !src.startsWith(stack.gatewayUrl().toString());
            });
            driver.switchTo().frame("preview");
            var field = wait.until(d -> d.findElements(By.cssSelector("form input[type=text], form input:not([type])"))
                    .stream().findFirst().orElse(null));
            field.sendKeys("buy milk");
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(d -> d.findElements(By.cssSelector("li")).stream()
                    .anyMatch(li -> li.getText().contains("buy milk")));
            driver.switchTo().defaultContent();
            browser.screenshot("preview-app-in-dashboard");
        }
    }

    /**
     * A team sees each other's generations: one submitted with the CLI (its own process, as a
     * script would) appears in a fresh browser's dashboard — no localStorage of its own — and
     * opens there by URL.
     */
    @Test
    void shouldShowAGenerationStartedFromTheCliInAnotherBrowsersDashboard() throws Exception {
        Path project = Path.of("..").toAbsolutePath().normalize();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String id = run(project, Duration.ofMinutes(1), javaBin, "-jar", "cli/target/streamgen-cli.jar", "submit",
                "a plant tracker with watering dates", "--gateway", stack.gatewayUrl().toString(), "--parallel").strip();
        assertThat(id).matches("[A-Za-z0-9._-]+");

        try (Browser browser = Browser.open(state)) {
            var driver = browser.driver;
            // the list re-renders as events arrive: an element found a moment ago may be gone, so look again
            var wait = new WebDriverWait(driver, Duration.ofMinutes(2))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            driver.get(stack.gatewayUrl() + "/");
            String text = wait.until(d -> {
                var link = d.findElements(By.cssSelector("#generations a")).stream()
                        .filter(a -> String.valueOf(a.getAttribute("href")).endsWith("generation=" + id)).findFirst()
                        .orElse(null);
                if (link == null) {
                    return null;
                }
                String shown = link.getText();
                link.click();
                return shown;
            });
            assertThat(text).contains("plant tracker");
            wait.until(d -> d.getCurrentUrl().endsWith("?generation=" + id));
            wait.until(d -> d.findElement(By.id("connection")).getText().equals("ended"));
            browser.screenshot("cli-generation-in-another-browser");
        }
    }

    @AfterAll
    static void down() throws IOException {
        if (stack != null) {
            stack.down(System.out);
        }
        if (traces != null) {
            traces.close();
        }
    }

    private static GenerationRequested request(String prompt, Flags flags) {
        return GenerationRequested.newBuilder().setGenerationId("e2e-" + UUID.randomUUID()).setPrompt(prompt)
                .setFlags(flags).setRequestedBy("e2e").setRequestedAt(Instant.now()).build();
    }

    private static Flags everyFlag() {
        return Flags.newBuilder().setParallel(true).setPreview(true).setCheckpoint(true).setOptimize(true)
                .setTest(true).setVerbose(true).build();
    }

    /** Submits and follows one generation to its end; returns its events. */
    private static List<KafkaGenerations.Event> generate(GenerationRequested request) {
        KafkaGenerations kafka = new KafkaGenerations(stack.bootstrapServers());
        List<KafkaGenerations.Event> events = new CopyOnWriteArrayList<>();
        FollowFrom from = new FollowFrom.Submitted(Instant.now().minusSeconds(60));
        kafka.submit(request);
        kafka.read(request.getGenerationId(), from, GENERATION_TIMEOUT, events::add);
        return events;
    }

    @Test
    void shouldGenerateARunnableAppWithEveryFlagInPhaseOrderWithCheckpoints() throws Exception {
        GenerationRequested request = request("a recipe manager with ingredients and cooking time", everyFlag());

        List<KafkaGenerations.Event> events = generate(request);

        assertThat(events).as("events end with completion").isNotEmpty();
        assertThat(events.get(0).event().getPayload()).isInstanceOf(GenerationStarted.class);
        assertThat(events.get(events.size() - 1).event().getPayload()).isInstanceOf(GenerationCompleted.class);
        assertThat(events).extracting(KafkaGenerations.Event::offset).isSorted();
        List<String> phases = events.stream().map(e -> e.event().getPayload()).filter(PhaseChanged.class::isInstance)
                .map(PhaseChanged.class::cast).map(p -> p.getPhase() + " " + p.getState()).toList();
        assertThat(phases).containsSubsequence("SKELETON STARTED", "SKELETON COMPLETED", "FEATURES STARTED",
                "FEATURES COMPLETED", "OPTIMIZE STARTED", "OPTIMIZE COMPLETED", "TEST STARTED", "TEST COMPLETED");
        assertThat(events.stream().map(e -> e.event().getPayload()).filter(CheckpointTaken.class::isInstance)
                .map(c -> ((CheckpointTaken) c).getPhase()).toList())
                .containsSubsequence(Phase.SKELETON, Phase.FEATURES, Phase.OPTIMIZE, Phase.TEST);
        assertThat(events.stream().map(KafkaGenerations.Event::type)).contains("DraftChunk", "BusMessage", "MetricsSnapshot");

        Path out = state.resolve("out-" + request.getGenerationId());
        List<String> files = new CoordinatorFiles(stack.coordinatorUrl(), stack.coordinatorApiSecret(), System.err).writeTo(request.getGenerationId(), out);
        GenerationCompleted completed = (GenerationCompleted) events.get(events.size() - 1).event().getPayload();
        assertThat(files).containsExactlyInAnyOrderElementsOf(completed.getFiles());
        assertThat(files).contains("package.json", "server/main.js", "public/index.html", "test/api.test.js");

        assertThat(run(out, Duration.ofSeconds(90), "node", "--test")).contains("# fail 0");
        assertServesItsUi(out);
    }

    @Test
    void shouldGenerateThroughTheGatewayLikeTheCliDoesByDefault() throws Exception {
        GenerationRequested request = request("a contact list with email and phone", Flags.newBuilder().setParallel(true)
                .setTest(true).build());
        Path out = state.resolve("out-gateway");
        var printed = new ByteArrayOutputStream();

        int exit = StreamgenCommand.run(new GatewayGenerations(stack.gatewayUrl()), request, out,
                EventView.choose(new PrintStream(printed, true, StandardCharsets.UTF_8), false, false, true), false,
                GENERATION_TIMEOUT, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("phase   SKELETON started", "done    ");
        assertThat(out.resolve("package.json")).as("the files right under --out, as with --kafka").exists();
        assertThat(run(out, Duration.ofSeconds(90), "node", "--test")).contains("# fail 0");
    }

    @Test
    void shouldKeepTwoGenerationsApart() throws Exception {
        Flags flags = Flags.newBuilder().setParallel(true).build();
        GenerationRequested books = request("a book app with authors", flags);
        GenerationRequested plants = request("a plant tracker with watering dates", flags);

        CompletableFuture<List<KafkaGenerations.Event>> first = CompletableFuture.supplyAsync(() -> generate(books));
        CompletableFuture<List<KafkaGenerations.Event>> second = CompletableFuture.supplyAsync(() -> generate(plants));

        for (var pair : List.of(Map.entry(books, first.get(4, TimeUnit.MINUTES)), Map.entry(plants, second.get(4, TimeUnit.MINUTES)))) {
            assertThat(pair.getValue()).allSatisfy(e -> assertThat(e.event().getGenerationId())
                    .isEqualTo(pair.getKey().getGenerationId()));
            assertThat(pair.getValue().get(pair.getValue().size() - 1).event().getPayload()).isInstanceOf(GenerationCompleted.class);
        }
        Path booksOut = state.resolve("out-books");
        Path plantsOut = state.resolve("out-plants");
        var files = new CoordinatorFiles(stack.coordinatorUrl(), stack.coordinatorApiSecret(), System.err);
        files.writeTo(books.getGenerationId(), booksOut);
        files.writeTo(plants.getGenerationId(), plantsOut);
        assertThat(Files.readString(booksOut.resolve("server/app.js"))).contains("/api/books").doesNotContain("/api/plants");
        assertThat(Files.readString(plantsOut.resolve("server/app.js"))).contains("/api/plants").doesNotContain("/api/books");
    }

    @Test
    void shouldReplayAFinishedGenerationFromItsTopicWithoutAnyModel() throws Exception {
        GenerationRequested request = request("a todo app", Flags.newBuilder().setParallel(true).build());
        List<String> live = generate(request).stream().map(KafkaGenerations.Event::id).toList();
        long chunksAfterTheGeneration = countChunks(request.getGenerationId());
        String id = request.getGenerationId();

        List<String> replayed = new ArrayList<>();
        new KafkaGenerations(stack.bootstrapServers()).read(id, new FollowFrom.Beginning(), Duration.ofSeconds(60),
                e -> replayed.add(e.id()));
        List<StreamedEvent> throughGateway = new ArrayList<>();
        new GatewayGenerations(stack.gatewayUrl()).follow(id, new FollowFrom.Beginning(), Duration.ofSeconds(60),
                throughGateway::add);
        List<StreamedEvent> fromCheckpoint = new ArrayList<>();
        new GatewayGenerations(stack.gatewayUrl()).follow(id, new FollowFrom.Checkpoint(1), Duration.ofSeconds(60),
                fromCheckpoint::add);
        List<String> fromCheckpointOnKafka = new ArrayList<>();
        new KafkaGenerations(stack.bootstrapServers()).read(id, new FollowFrom.Checkpoint(1), Duration.ofSeconds(60),
                e -> fromCheckpointOnKafka.add(e.id()));

        assertThat(replayed).isEqualTo(live);
        assertThat(throughGateway).extracting(StreamedEvent::id).isEqualTo(live);
        assertThat(fromCheckpoint.get(0).type()).isEqualTo("checkpoint-taken");
        assertThat(fromCheckpoint.get(0).payload().path("checkpointId").asInt()).isEqualTo(1);
        assertThat(fromCheckpoint.get(fromCheckpoint.size() - 1).type()).isEqualTo("generation-completed");
        assertThat(fromCheckpointOnKafka).isEqualTo(live.subList(live.indexOf(fromCheckpoint.get(0).id()), live.size()));
        assertThat(countChunks(id)).as("no model was asked again").isEqualTo(chunksAfterTheGeneration);
    }

    /** Follows a generation in the background, so that the test can intervene while it runs. */
    private static final class Watch {
        final GenerationRequested request;
        final List<KafkaGenerations.Event> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<KafkaGenerations.Event> end;

        /** Submits the request and follows it. */
        Watch(GenerationRequested request) {
            // a new generation has no earlier events: read from well before, whatever its records' timestamps
            this(request, Instant.now().minusSeconds(60), () -> new KafkaGenerations(stack.bootstrapServers()).submit(request));
        }

        /** Does {@code start} (a submit, an intervention) and follows the generation's events from {@code since}. */
        Watch(GenerationRequested request, Instant since, Runnable start) {
            this.request = request;
            KafkaGenerations kafka = new KafkaGenerations(stack.bootstrapServers());
            start.run();
            end = CompletableFuture.supplyAsync(() -> kafka.read(request.getGenerationId(), new FollowFrom.Submitted(since),
                    GENERATION_TIMEOUT, events::add));
        }

        void awaitEvent(java.util.function.Predicate<KafkaGenerations.Event> condition) throws InterruptedException {
            long deadline = System.nanoTime() + GENERATION_TIMEOUT.toNanos();
            while (events.stream().noneMatch(condition)) {
                assertThat(System.nanoTime()).as("the awaited event of %s arrived", request.getGenerationId()).isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        void send(io.streamgen.schema.InterventionAction action, Integer checkpoint) {
            new KafkaGenerations(stack.bootstrapServers()).intervene(io.streamgen.schema.Intervention.newBuilder()
                    .setInterventionId(UUID.randomUUID().toString()).setGenerationId(request.getGenerationId())
                    .setAction(action).setCheckpointId(checkpoint).setRequestedBy("e2e").setAt(Instant.now()).build());
        }
    }

    private static boolean agentState(KafkaGenerations.Event e, io.streamgen.schema.AgentState state) {
        return e.event().getPayload() instanceof io.streamgen.schema.event.TaskStateChanged t && t.getState() == state;
    }

    @Test
    void shouldPauseAndResumeTheAgentsAndStillComplete() throws Exception {
        Watch watch = new Watch(request("a todo app with tags", Flags.newBuilder().setParallel(true).build()));
        watch.awaitEvent(e -> agentState(e, io.streamgen.schema.AgentState.STREAMING));

        watch.send(io.streamgen.schema.InterventionAction.PAUSE, null);
        watch.awaitEvent(e -> agentState(e, io.streamgen.schema.AgentState.PAUSED));
        watch.send(io.streamgen.schema.InterventionAction.RESUME, null);

        var end = watch.end.get(4, TimeUnit.MINUTES);
        assertThat(end.event().getPayload()).isInstanceOf(GenerationCompleted.class);
        assertThat(watch.events).anySatisfy(e -> assertThat(e.event().getPayload())
                .isInstanceOf(io.streamgen.schema.event.InterventionApplied.class));
        Path out = state.resolve("out-paused");
        new CoordinatorFiles(stack.coordinatorUrl(), stack.coordinatorApiSecret(), System.err).writeTo(watch.request.getGenerationId(), out);
        assertThat(run(out, Duration.ofSeconds(90), "node", "--test")).contains("# fail 0");
    }

    @Test
    void shouldCancelAGenerationAndLeaveNoAgentStreaming() throws Exception {
        Watch watch = new Watch(request("a plant tracker", everyFlag()));
        watch.awaitEvent(e -> agentState(e, io.streamgen.schema.AgentState.STREAMING));

        watch.send(io.streamgen.schema.InterventionAction.CANCEL, null);

        var end = watch.end.get(2, TimeUnit.MINUTES);
        assertThat(end.event().getPayload()).isInstanceOfSatisfying(io.streamgen.schema.event.GenerationFailed.class,
                failed -> assertThat(failed.getCancelled()).isTrue());
        long chunks = countChunks(watch.request.getGenerationId());
        Thread.sleep(3_000);
        assertThat(countChunks(watch.request.getGenerationId())).as("no agent keeps streaming").isEqualTo(chunks);
    }

    @Test
    void shouldRollBackToTheFirstCheckpointRestoringItsFilesAndRunTheLaterPhasesAgain() throws Exception {
        Watch watch = new Watch(request("a book app", Flags.newBuilder().setParallel(true).setOptimize(true).build()));
        assertThat(watch.end.get(4, TimeUnit.MINUTES).event().getPayload()).isInstanceOf(GenerationCompleted.class);
        Map<String, String> checkpointOne = checkpointFiles(watch.request.getGenerationId(), 1);
        assertThat(checkpointOne).as("the skeleton's files").isNotEmpty();
        assertThat(filesAfter(watch.events)).as("later phases changed files").isNotEqualTo(checkpointOne);

        Thread.sleep(1_100); // the events read from here on come after the first completion
        Watch again = new Watch(watch.request, Instant.now(), () -> watch.send(io.streamgen.schema.InterventionAction.ROLLBACK, 1));
        var end = again.end.get(4, TimeUnit.MINUTES);

        int rolledBack = indexOf(again.events, io.streamgen.schema.event.RolledBack.class);
        assertThat(rolledBack).as("a RolledBack event").isNotNegative();
        // the rollback's FileChanged events follow it in the same transaction, before any agent writes again
        List<KafkaGenerations.Event> restored = new ArrayList<>(watch.events);
        for (KafkaGenerations.Event e : again.events.subList(rolledBack + 1, again.events.size())) {
            if (!(e.event().getPayload() instanceof io.streamgen.schema.event.FileChanged)) {
                break;
            }
            restored.add(e);
        }
        assertThat(filesAfter(restored)).as("file set right after the rollback, by SHA-256 of the bytes")
                .isEqualTo(checkpointOne);
        List<String> phases = again.events.stream().map(e -> e.event().getPayload()).filter(PhaseChanged.class::isInstance)
                .map(PhaseChanged.class::cast).map(p -> p.getPhase() + " " + p.getState()).toList();
        assertThat(phases).containsSubsequence("FEATURES STARTED", "FEATURES COMPLETED", "OPTIMIZE STARTED", "OPTIMIZE COMPLETED");
        assertThat(end.event().getPayload()).isInstanceOf(GenerationCompleted.class);

        List<StreamedEvent> replayed = new ArrayList<>();
        StreamedEvent lastEnd = new GatewayGenerations(stack.gatewayUrl()).follow(watch.request.getGenerationId(),
                new FollowFrom.Beginning(), Duration.ofSeconds(60), replayed::add);
        assertThat(replayed).extracting(StreamedEvent::type).as("a replay goes on through the re-run")
                .containsSubsequence("generation-completed", "rolled-back", "generation-completed");
        assertThat(lastEnd.id()).isEqualTo(end.id());

        // `streamgen rollback ID 2 --follow`: through the gateway, from its own InterventionApplied to the new end
        var gateway = new GatewayGenerations(stack.gatewayUrl());
        var again2 = StreamgenCommand.intervention(watch.request.getGenerationId(),
                io.streamgen.schema.InterventionAction.ROLLBACK, null, 2);
        String interventionId = gateway.intervene(again2); // the gateway gives it its own id
        var printed = new ByteArrayOutputStream();
        var print = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int exit = StreamgenCommand.followToEnd(gateway, watch.request.getGenerationId(),
                new FollowFrom.AfterIntervention(interventionId, again2.getAt()), state.resolve("out-rollback-2"),
                EventView.choose(print, false, false, true), false, GENERATION_TIMEOUT, print);
        String lines = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(lines).isZero();
        assertThat(lines.lines().findFirst().orElse("")).as(lines).contains("control ROLLBACK applied");
        assertThat(lines).contains("undo    rolled back to checkpoint 2", "phase   OPTIMIZE started", "done    ");
        assertThat(state.resolve("out-rollback-2/server/app.js")).exists();
    }

    private static int indexOf(List<KafkaGenerations.Event> events, Class<?> payload) {
        for (int i = 0; i < events.size(); i++) {
            if (payload.isInstance(events.get(i).event().getPayload())) {
                return i;
            }
        }
        return -1;
    }

    /** Path → SHA-256 of each file as the FileChanged events leave it. */
    private static Map<String, String> filesAfter(List<KafkaGenerations.Event> events) {
        Map<String, String> files = new java.util.TreeMap<>();
        for (KafkaGenerations.Event e : events) {
            if (e.event().getPayload() instanceof io.streamgen.schema.event.FileChanged f) {
                if (f.getOp() == io.streamgen.schema.event.FileOp.DELETED) {
                    files.remove(f.getPath());
                } else {
                    files.put(f.getPath(), f.getSha256());
                }
            }
        }
        return files;
    }

    /** Path → SHA-256 of the bytes of checkpoint {@code n}'s files, from the coordinator's query. */
    private static Map<String, String> checkpointFiles(String generationId, int n) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.coordinatorUrl() + "/generations/" + generationId + "/checkpoints/" + n))
                .header("Authorization", "Bearer " + stack.coordinatorApiSecret()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> files = new java.util.TreeMap<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("files").fields()
                .forEachRemaining(file -> {
                    String sha = sha256(file.getValue().path("content").asText());
                    assertThat(file.getValue().path("sha256").asText()).as("stored digest of " + file.getKey()).isEqualTo(sha);
                    files.put(file.getKey(), sha);
                });
        return files;
    }

    private static String sha256(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldResumeAnSseClientExactlyAfterItsLastEventId() throws Exception {
        Watch watch = new Watch(request("a todo app", everyFlag()));
        String events = stack.gatewayUrl() + "/api/generations/" + watch.request.getGenerationId() + "/events";
        HttpClient http = HttpClient.newHttpClient();

        List<String> firstPart = sseIds(http, events, null, 25);
        List<String> rest = sseIds(http, events, firstPart.get(firstPart.size() - 1), Integer.MAX_VALUE);

        watch.end.get(4, TimeUnit.MINUTES);
        List<String> all = new ArrayList<>(firstPart);
        all.addAll(rest);
        List<String> uninterrupted = sseIds(http, events, null, Integer.MAX_VALUE);
        assertThat(all).doesNotHaveDuplicates().isEqualTo(uninterrupted);
        assertThat(uninterrupted).containsAll(watch.events.stream().map(KafkaGenerations.Event::id).toList());
    }

    @Test
    void shouldRestartTheAgentsWithTheSteeringInstruction() throws Exception {
        Watch watch = new Watch(request("a todo app", Flags.newBuilder().setParallel(true).build()));
        watch.awaitEvent(e -> agentState(e, io.streamgen.schema.AgentState.STREAMING));

        // through the gateway's REST API, as `streamgen intervene ID steer TEXT` does by default
        new GatewayGenerations(stack.gatewayUrl()).intervene(io.streamgen.schema.Intervention.newBuilder()
                .setInterventionId(UUID.randomUUID().toString()).setGenerationId(watch.request.getGenerationId())
                .setAction(io.streamgen.schema.InterventionAction.STEER).setText("use a dark theme")
                .setRequestedBy("e2e").setAt(Instant.now()).build());

        assertThat(watch.end.get(4, TimeUnit.MINUTES).event().getPayload()).isInstanceOf(GenerationCompleted.class);
        assertThat(watch.events).anySatisfy(e -> assertThat(e.event().getPayload())
                .isInstanceOfSatisfying(io.streamgen.schema.event.InterventionApplied.class, applied -> {
                    assertThat(applied.getAction()).isEqualTo(io.streamgen.schema.InterventionAction.STEER);
                    assertThat(applied.getAccepted()).isTrue();
                }));
        assertThat(watch.events).as("a steered task runs again as a new attempt").anySatisfy(e -> assertThat(
                e.event().getPayload()).isInstanceOfSatisfying(io.streamgen.schema.event.TaskStateChanged.class,
                t -> assertThat(t.getAttempt()).isGreaterThan(1)));
    }

    /**
     * Issue 16: a generation's analytics come just before its end, and the gateway answers the same
     * figures afterwards (relayed from the coordinator's state).
     */
    @Test
    void shouldCarryTheAnalyticsJustBeforeTheEndAndAnswerTheSameFromTheGateway() throws Exception {
        GenerationRequested request = request("a habit tracker with streaks", Flags.newBuilder().setParallel(true).build());

        List<KafkaGenerations.Event> events = generate(request);

        int end = events.size() - 1;
        assertThat(events.get(end).event().getPayload()).isInstanceOf(GenerationCompleted.class);
        assertThat(events.get(end - 1).event().getPayload()).isInstanceOf(GenerationAnalytics.class);
        GenerationAnalytics analytics = (GenerationAnalytics) events.get(end - 1).event().getPayload();
        Map<String, Long> tokens = new java.util.TreeMap<>();
        analytics.getUsage().forEach(u -> tokens.merge(u.getRole().name(), u.getTokens(), Long::sum));
        assertThat(tokens).containsKeys("API", "LOGIC", "UI").allSatisfy((role, n) -> assertThat(n).isPositive());
        assertThat(analytics.getPhaseMillis()).containsOnlyKeys("SKELETON", "FEATURES")
                .allSatisfy((phase, ms) -> assertThat(ms).isPositive());
        assertThat(analytics.getTimeToFirstTokenMillis()).isBetween(0L, analytics.getTotalMillis());

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.gatewayUrl() + "/api/generations/" + request.getGenerationId() + "/analytics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        Map<String, Long> answered = new java.util.TreeMap<>();
        json.path("usage").forEach(u -> answered.merge(u.path("role").asText(), u.path("tokens").asLong(), Long::sum));
        assertThat(answered).isEqualTo(tokens);
        Map<String, Long> phases = new java.util.TreeMap<>();
        json.path("phaseMillis").fields().forEachRemaining(p -> phases.put(p.getKey(), p.getValue().asLong()));
        assertThat(phases).isEqualTo(analytics.getPhaseMillis());
        assertThat(json.path("totalMillis").asLong()).isEqualTo(analytics.getTotalMillis());
        assertThat(json.path("timeToFirstTokenMillis").asLong()).isEqualTo(analytics.getTimeToFirstTokenMillis());
    }

    /**
     * One trace follows a chunk from the agent that wrote it through both Kafka hops to the gateway
     * that fanned it out, and up to the POST that asked for the generation: the agent's producer
     * span is the child of its task's span, the coordinator's span for the chunk the child of that,
     * the gateway's delivery span the child of the coordinator's. Apache Kafka's own console
     * consumer sees the W3C context in the records' headers.
     */
    @Test
    void shouldTraceAChunkFromItsAgentThroughBothKafkaHopsToTheGateway() throws Exception {
        GenerationRequested request = request("a reading list with ratings", Flags.newBuilder().setParallel(true).build());
        GatewayGenerations gateway = new GatewayGenerations(stack.gatewayUrl());
        String id = gateway.submit(request);
        var end = gateway.follow(id, new FollowFrom.Submitted(Instant.now().minusSeconds(60)), GENERATION_TIMEOUT, e -> { });
        assertThat(end.type()).isEqualTo("generation-completed");

        var chain = org.awaitility.Awaitility.await("a chunk's spans from agent to gateway")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> TraceChain.ofAChunk(traces.spans(), id), java.util.Optional::isPresent).orElseThrow();

        assertThat(traces.refused()).as("requests the collector did not understand").isEmpty();
        assertThat(chain.task().service()).endsWith("-agent");
        assertThat(chain.publish().parentSpanId()).isEqualTo(chain.task().spanId());
        assertThat(chain.coordinator().service()).isEqualTo("streamgen-coordinator");
        assertThat(chain.coordinator().parentSpanId()).isEqualTo(chain.publish().spanId());
        assertThat(chain.delivery().service()).isEqualTo("streamgen-gateway");
        assertThat(chain.delivery().parentSpanId()).isEqualTo(chain.coordinator().spanId());
        assertThat(chain.delivery().attributes()).containsEntry("streamgen.generation.id", id);
        assertThat(chain.root().service()).isEqualTo("streamgen-gateway");
        assertThat(chain.root().name()).as("the trace's root").startsWith("POST");
        System.out.printf("trace %s: %s%n", chain.task().traceId(), chain.describe());

        String traceparent = "00-" + chain.task().traceId() + "-";
        assertThat(headersOf(io.streamgen.schema.topic.Topics.CHUNKS.name(), id))
                .as("the chunks' headers, read by Kafka's console consumer").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("traceparent:" + traceparent));
        assertThat(headersOf(io.streamgen.schema.topic.Topics.EVENTS.name(), id))
                .as("the events' headers, read by Kafka's console consumer").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("traceparent:" + traceparent));
    }

    /** The headers of {@code topic}'s records keyed {@code key}, one line each, as Kafka's console consumer prints them. */
    private static List<String> headersOf(String topic, String key) throws Exception {
        Path tool = state.resolve("console-consumer-" + topic + ".out");
        Process consumer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server", stack.bootstrapServers(), "--topic", topic, "--from-beginning",
                "--timeout-ms", "5000", "--isolation-level", "read_committed",
                "--property", "print.headers=true", "--property", "print.key=true",
                "--property", "print.value=false")
                .redirectErrorStream(true).redirectOutput(tool.toFile()).start();
        assertThat(consumer.waitFor(90, TimeUnit.SECONDS)).as("the console consumer ended").isTrue();
        List<String> lines = Files.readAllLines(tool);
        assertThat(lines).as("what the console consumer printed").anyMatch(line -> line.contains("Processed a total of"));
        return lines.stream().filter(line -> line.contains(key)).toList();
    }

    /** The ids of an SSE stream, from the start or after {@code lastEventId}, until it ends or {@code limit} ids. */
    private static List<String> sseIds(HttpClient http, String url, String lastEventId, int limit) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(4));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        try (java.util.stream.Stream<String> lines = response.body()) {
            var iterator = lines.iterator();
            while (ids.size() < limit && iterator.hasNext()) {
                String line = iterator.next();
                if (line.startsWith("id:")) {
                    ids.add(line.substring(3).trim());
                }
            }
        }
        return ids;
    }

    private static long countChunks(String generationId) {
        var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", stack.bootstrapServers()), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        try (consumer) {
            var partitions = consumer.partitionsFor(io.streamgen.schema.topic.Topics.CHUNKS.name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (generationId.equals(record.key())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    private static void assertServesItsUi(Path app) throws Exception {
        int port = E2eProcesses.freePort();
        ProcessBuilder builder = new ProcessBuilder("node", "server/main.js").directory(app.toFile()).redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        Process server = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(page.statusCode()).isEqualTo(200);
                    assertThat(page.body()).contains("<main id=\"app\">");
                    return;
                } catch (IOException notYet) {
                    assertThat(System.nanoTime()).as("the generated server answers within 20 s").isLessThan(deadline);
                    Thread.sleep(200);
                }
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
