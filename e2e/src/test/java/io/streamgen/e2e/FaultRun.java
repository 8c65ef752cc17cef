package io.streamgen.e2e;

import io.streamgen.cli.ArtifactSnapshot;
import io.streamgen.cli.CoordinatorFiles;
import io.streamgen.cli.KafkaGenerations;
import io.streamgen.cli.LocalStack;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.TaskStateChanged;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One fault-suite run, after Kafka's own {@code streams_eos_test}: the stack with the offline
 * template model at agent pace; the same requests once without faults (the reference: the template
 * model is deterministic); then generations kept in flight while a harness does its faults, each at
 * a random but seeded moment while some generation is mid-way — {@code kill -9} and restart of a
 * service, the broker stopped and started again, an agent frozen with SIGSTOP past the
 * coordinator's task deadline — and finally the checks, over every generation: it completed, its
 * files are byte-identical to the reference, a {@code read_committed} reader saw each event once
 * and nothing missing ({@link EventLedger#check}), two replays of the topic read the same records,
 * and an SSE client that resumed with {@code Last-Event-ID} through every gateway restart saw
 * exactly what an uninterrupted read sees afterwards.
 */
final class FaultRun implements AutoCloseable {

    /** A request the run repeats; its reference files come from its unfaulted run. */
    record Template(String name, String prompt, Flags flags) {
    }

    static final List<Template> TEMPLATES = List.of(
            new Template("recipes", "a recipe manager with ingredients and cooking time", Flags.newBuilder()
                    .setParallel(true).setPreview(true).setCheckpoint(true).setOptimize(true).setTest(true)
                    .setVerbose(true).build()),
            new Template("books", "a book app with authors", Flags.newBuilder().setParallel(true).setCheckpoint(true)
                    .setOptimize(true).setTest(true).build()),
            new Template("plants", "a plant tracker with watering dates", Flags.newBuilder().setParallel(true)
                    .setOptimize(true).setTest(true).setVerbose(true).build()));

    enum Kind { KILL, PAUSE, BROKER, BROKER_NODE }

    /** One fault: {@code kill -9} of a service, SIGSTOP/SIGCONT of an agent, or a broker restart. */
    record Fault(Kind kind, String service) {
        static Fault kill(String service) {
            return new Fault(Kind.KILL, service);
        }

        static Fault pause(String agent) {
            return new Fault(Kind.PAUSE, agent);
        }

        static Fault broker() {
            return new Fault(Kind.BROKER, FaultStack.BROKER);
        }

        /** {@code kill -9} of one node of a broker cluster (0-based), which is then started again. */
        static Fault brokerNode(int node) {
            return new Fault(Kind.BROKER_NODE, LocalStack.instanceName(FaultStack.BROKER, node));
        }

        Role role() {
            String base = service.replaceFirst("-\\d+$", "");
            return base.endsWith("-agent")
                    ? Role.valueOf(base.substring(0, base.length() - "-agent".length()).toUpperCase(Locale.ROOT)) : null;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case KILL -> "kill -9 " + service;
                case PAUSE -> "SIGSTOP " + service;
                case BROKER -> "broker stop/start";
                case BROKER_NODE -> "kill -9 " + service;
            };
        }
    }

    /** A generation of the run: its request's template and the SSE client following it. */
    record Gen(String id, Template template, boolean faulted, SseFollower sse) {
    }

    /** An agent frozen from {@code from} to {@code to} (System.nanoTime), and whether a task of its role was streaming. */
    record Pause(Role role, long from, long to, boolean streaming) {
    }

    /**
     * The agents' task consumers leave the group 10 s after a {@code kill -9} (as the coordinator's
     * own Kafka Streams consumer does), not after Kafka's default 45 s: with the default, a restarted
     * agent gets its task partitions back only 45 s later, and the test's 8 s deadline would time the
     * tasks out five times over meanwhile. Scaled with the deadline, as 45 s is to the default 60 s.
     */
    static final String AGENT_SESSION = "-Dmp.messaging.incoming.tasks.session.timeout.ms=10000"
            + " -Dmp.messaging.incoming.tasks.heartbeat.interval.ms=2000";
    private static final Duration UP = Duration.ofMinutes(4);
    private static final Duration HEALTHY = Duration.ofMinutes(2);

    final long seed;
    final Duration taskDeadline;
    private final Random schedule;
    private final Random ids;
    private final Path state;
    private final FaultStack stack;
    /** Every gateway (an SSE client moves to the next on each resumption) and every coordinator. */
    /** The query API secret of the stack's coordinators (LocalStack made it in the state directory). */
    private final String coordinatorSecret;
    private final List<java.net.URI> gateways;
    private final List<java.net.URI> coordinators = new ArrayList<>();
    private final long started = System.nanoTime();
    private final List<Gen> gens = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, byte[]>> reference = new LinkedHashMap<>();
    private final Map<String, Integer> faultsDone = new TreeMap<>();
    private final List<Pause> pauses = new CopyOnWriteArrayList<>();
    private final ReentrantLock brokerLock = new ReentrantLock();
    private final List<String> unexpectedExits = new CopyOnWriteArrayList<>();
    private EventLedger ledger;
    private int submitted;

    /** What the checks found. */
    static final class Report {
        final List<String> lost = new ArrayList<>();
        final List<String> duplicated = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        /** A file's versions starting again at 1 after a withdrawn attempt's DELETED: not a lost or repeated event. */
        final List<String> versionReuse = new ArrayList<>();
        int generations;
        int faultedGenerations;
        long events;
        long sseEvents;
        int sseClients;
        int sseResumedClients;
        int sseResumes;
        int pausesReissued;
        int silentReissues;
        /** Per coordinator instance ({@code host:port}), the generations whose stores it owned when checked. */
        final Map<String, Integer> owners = new TreeMap<>();
        /** Queries answered by an instance that relayed them to the owner. */
        int forwardedQueries;
        /** SSE clients that read from more than one gateway. */
        int sseClientsOnSeveralGateways;

        List<String> all() {
            return Stream.of(lost, duplicated, versionReuse, other).flatMap(List::stream).toList();
        }

        void add(String violation) {
            String v = violation.toLowerCase(Locale.ROOT);
            if (v.contains("after the deleted")) {
                versionReuse.add(violation);
            } else if (v.contains("gap") || v.contains("lost") || v.contains("missing")) {
                lost.add(violation);
            } else if (v.contains("repeat") || v.contains("twice") || v.contains("duplicate")) {
                duplicated.add(violation);
            } else {
                other.add(violation);
            }
        }
    }

    FaultRun(long seed, double tokensPerSecond, Duration taskDeadline, int maxAttempts) throws IOException {
        this(seed, tokensPerSecond, taskDeadline, maxAttempts, LocalStack.Scale.SINGLE);
    }

    /** A run on a stack of {@code scale}: a KRaft cluster of that many nodes, that many instances of every service. */
    FaultRun(long seed, double tokensPerSecond, Duration taskDeadline, int maxAttempts, LocalStack.Scale scale)
            throws IOException {
        this.seed = seed;
        this.taskDeadline = taskDeadline;
        this.schedule = new Random(seed);
        this.ids = new Random(seed ^ 0x5DEECE66DL);
        this.state = Files.createTempDirectory("streamgen-faults");
        Path root = ArtifactSnapshot.copy(Path.of("..").toAbsolutePath().normalize(), state.resolve("artifacts"));
        List<LocalStack.Ports> slots = new ArrayList<>();
        for (int k = 0; k < Math.max(scale.brokers(), scale.instances()); k++) {
            Map<Role, Integer> agentPorts = new java.util.EnumMap<>(Role.class);
            for (Role role : List.of(Role.UI, Role.LOGIC, Role.API, Role.OPTIMIZATION, Role.TESTING)) {
                agentPorts.put(role, E2eProcesses.freePort());
            }
            slots.add(new LocalStack.Ports(E2eProcesses.freePort(), E2eProcesses.freePort(),
                    E2eProcesses.freePort(), E2eProcesses.freePort(), agentPorts));
        }
        LocalStack local = new LocalStack(root, state, slots.get(0), tokensPerSecond).withScale(scale, slots);
        // one secret for the whole run, given explicitly: every restart of a service (and this run's
        // own reads of the coordinator) uses the same, whatever the stack's state directory holds
        this.coordinatorSecret = java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID();
        this.gateways = new ArrayList<>();
        for (int k = 0; k < scale.instances(); k++) {
            gateways.add(local.gatewayUrl(k));
            coordinators.add(local.coordinatorUrl(k));
        }
        this.stack = new FaultStack(local.withCoordinatorEnvironment(Map.of(
                "STREAMGEN_COORDINATOR_TASK_DEADLINE", taskDeadline.toMillis() + "ms",
                "STREAMGEN_COORDINATOR_MAX_ATTEMPTS", Integer.toString(maxAttempts),
                LocalStack.API_SECRET_ENV, coordinatorSecret))
                .withAgentEnvironment(Map.of("JAVA_TOOL_OPTIONS", AGENT_SESSION))
                .withAgentEnvironment(E2eProcesses.CACHE_OFF), state);
        log("fault seed %d (run again with -Dstreamgen.fault.seed=%d); state in %s; task deadline %s, max attempts %d",
                seed, seed, state, taskDeadline, maxAttempts);
    }

    /** The seed from {@code -Dstreamgen.fault.seed}, else a new one. */
    static long seed() {
        String given = System.getProperty("streamgen.fault.seed");
        return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
    }

    void up() throws Exception {
        long t = System.nanoTime();
        stack.up(UP);
        ledger = new EventLedger(stack.stack().bootstrapServers());
        log("stack up in %.1f s: %s", (System.nanoTime() - t) / 1e9, stack.serviceNames());
    }

    List<String> agents() {
        return stack.serviceNames().stream().filter(n -> n.endsWith("-agent")).toList();
    }

    /** Every template once, at once, without faults: the reference files. */
    void runReference(Duration timeout) throws Exception {
        long t = System.nanoTime();
        List<Gen> reference = new ArrayList<>();
        for (Template template : TEMPLATES) {
            reference.add(submit(template, false, timeout));
        }
        awaitEnds(reference, timeout);
        for (Gen gen : reference) {
            GenerationEvent end = ledger.end(gen.id());
            if (!(end.getPayload() instanceof io.streamgen.schema.event.GenerationCompleted)) {
                throw new AssertionError("the unfaulted " + gen.template().name() + " generation " + gen.id() + " did not complete: "
                        + end.getPayload());
            }
            this.reference.put(gen.template().name(), files(gen.id()));
        }
        log("reference: %d generations in %.1f s, %s", reference.size(), (System.nanoTime() - t) / 1e9,
                this.reference.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size() + " files "
                        + e.getValue().values().stream().mapToInt(b -> b.length).sum() + " B").toList());
    }

    /**
     * Keeps {@code inFlight} generations running while doing {@code faults} in order, each at a
     * random moment while some generation is mid-way; stops doing faults after {@code budget}; then
     * waits (at most {@code drain}) for every generation to end and every service to be healthy.
     */
    void runFaults(List<Fault> faults, int inFlight, Duration budget, Duration drain) throws Exception {
        long t = System.nanoTime();
        Duration generationTimeout = budget.plus(drain);
        var submitting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread submitter = new Thread(() -> {
            while (submitting.get()) {
                try {
                    if (running().size() < inFlight) {
                        brokerLock.lock();
                        try {
                            submit(TEMPLATES.get(submitted % TEMPLATES.size()), true, generationTimeout);
                        } finally {
                            brokerLock.unlock();
                        }
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log("submitting: %s", e);
                }
            }
        }, "submitter");
        submitter.setDaemon(true);
        submitter.start();
        try {
            int n = 0;
            for (Fault fault : faults) {
                if (System.nanoTime() - t > budget.toNanos()) {
                    log("fault budget %s spent: %d of %d faults done", budget, n, faults.size());
                    break;
                }
                inject(fault);
                n++;
            }
        } finally {
            submitting.set(false);
            submitter.interrupt();
            submitter.join(30_000);
        }
        log("faults done in %.1f s: %s; waiting for %d generations to end", (System.nanoTime() - t) / 1e9, faultsDone,
                running().size());
        awaitEnds(gens, drain);
        stack.awaitAllHealthy(HEALTHY);
    }

    private void inject(Fault fault) throws Exception {
        // the target (and for stack-wide faults, everything) back to health first: one fault at a time
        if (fault.kind() == Kind.KILL && fault.role() != null) {
            stack.awaitHealthy(fault.service(), HEALTHY);
        } else {
            stack.awaitAllHealthy(HEALTHY);
        }
        long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean moment;
        Role role = fault.role();
        while (!(moment = role != null ? ledger.streaming(runningIds(), role) : ledger.midway(runningIds()))
                && System.nanoTime() < wait) {
            Thread.sleep(50);
        }
        Thread.sleep(role != null ? schedule.nextInt(fault.kind() == Kind.PAUSE ? 300 : 800) : schedule.nextInt(1500));
        String when = (moment ? (role != null ? role + " streaming" : "mid-generation") : "no generation mid-way (30 s)")
                + ", " + running().size() + " running";
        switch (fault.kind()) {
            case KILL -> {
                long pid = stack.killAndRestart(fault.service());
                log("%s (pid %d), %s; restarting", fault, pid, when);
            }
            case PAUSE -> {
                boolean streaming = ledger.streaming(runningIds(), role);
                long from = System.nanoTime();
                long pid = stack.pause(fault.service());
                Duration hold = taskDeadline.plusSeconds(4);
                log("%s (pid %d), %s; frozen for %s (task deadline %s)", fault, pid, when, hold, taskDeadline);
                try {
                    Thread.sleep(hold.toMillis());
                } finally {
                    stack.resume(fault.service());
                }
                pauses.add(new Pause(role, from, System.nanoTime(), streaming));
                log("SIGCONT %s", fault.service());
            }
            case BROKER_NODE -> {
                int node = fault.service().equals(FaultStack.BROKER) ? 0
                        : Integer.parseInt(fault.service().substring(fault.service().lastIndexOf('-') + 1)) - 1;
                long from = System.nanoTime();
                if (!stack.stack().killBroker(node)) {
                    throw new IllegalStateException(fault.service() + " was not running");
                }
                log("%s, %s; the other nodes carry on", fault, when);
                Thread.sleep(1_000 + schedule.nextInt(4_000));
                stack.up(UP); // starts the node again on its data; the rest is attached to
                log("%s back after %.1f s", fault.service(), (System.nanoTime() - from) / 1e9);
            }
            case BROKER -> {
                brokerLock.lock();
                try {
                    Duration down = Duration.ofMillis(500 + schedule.nextInt(2500));
                    long from = System.nanoTime();
                    Map<String, Long> before = stack.pids();
                    stack.restartBroker(down, UP);
                    Map<String, Long> after = stack.pids();
                    before.forEach((service, pid) -> {
                        if (!pid.equals(after.get(service))) {
                            unexpectedExits.add(service + " (pid " + pid + ") exited while the broker was down; `up` started it again");
                        }
                    });
                    log("%s, %s: down %s, back after %.1f s", fault, when, down, (System.nanoTime() - from) / 1e9);
                } finally {
                    brokerLock.unlock();
                }
            }
        }
        faultsDone.merge(fault.kind() == Kind.PAUSE ? "SIGSTOP " + fault.service() : fault.service(), 1, Integer::sum);
    }

    private Gen submit(Template template, boolean faulted, Duration timeout) {
        String id = String.format("fault-%s-%d-%08x", template.name(), ++submitted, ids.nextInt());
        GenerationRequested request = GenerationRequested.newBuilder().setGenerationId(id).setPrompt(template.prompt())
                .setFlags(template.flags()).setRequestedBy("fault-suite").setRequestedAt(Instant.now()).build();
        Gen gen = new Gen(id, template, faulted, new SseFollower(gateways, id, timeout.plusMinutes(1)));
        new KafkaGenerations(stack.stack().bootstrapServers()).submit(request);
        gens.add(gen);
        gen.sse().start(); // as a browser does once the gateway answered the POST
        return gen;
    }

    private List<Gen> running() {
        return gens.stream().filter(g -> !ledger.ended(g.id())).toList();
    }

    private List<String> runningIds() {
        return running().stream().map(Gen::id).toList();
    }

    private void awaitEnds(List<Gen> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (which.stream().anyMatch(g -> !ledger.ended(g.id()))) {
            if (System.nanoTime() > deadline) {
                List<String> open = which.stream().filter(g -> !ledger.ended(g.id()))
                        .map(g -> g.id() + " (" + ledger.events(g.id()).size() + " events, last "
                                + last(g.id()) + ")").toList();
                throw new AssertionError("seed " + seed + ": generations not ended within " + timeout + ": " + open
                        + "\ncoordinator log:\n" + stack.tail(FaultStack.COORDINATOR, 40));
            }
            Thread.sleep(200);
        }
    }

    private String last(String id) {
        List<EventLedger.Rec> events = ledger.events(id);
        return events.isEmpty() ? "none" : EventLedger.type(events.get(events.size() - 1)) + " "
                + events.get(events.size() - 1).event().getPayload();
    }

    /** The generation's merged files as the first coordinator serves them, path → bytes. */
    private Map<String, byte[]> files(String id) throws Exception {
        return files(id, coordinators.get(0));
    }

    /** The generation's merged files as the coordinator at {@code coordinator} serves them (relayed, if another owns it). */
    private Map<String, byte[]> files(String id, java.net.URI coordinator) throws Exception {
        Path out = state.resolve("files").resolve(coordinator.getPort() + "").resolve(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        while (true) {
            try {
                new CoordinatorFiles(coordinator, coordinatorSecret, new PrintStream(notices, true, StandardCharsets.UTF_8))
                        .writeTo(id, out);
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the coordinator did not serve the files of " + id + ": " + e
                            + "; its threads: " + stack.threadDump(FaultStack.COORDINATOR), e);
                }
                Thread.sleep(500);
            }
        }
        if (notices.size() > 0) {
            throw new AssertionError("files of " + id + " skipped: " + notices.toString(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(out.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** Every check over every generation of the run. */
    Report check() throws Exception {
        Report report = new Report();
        ledger.assertReading();
        Map<String, List<EventLedger.Rec>> first = ledger.replay(Duration.ofMinutes(2));
        Map<String, List<EventLedger.Rec>> second = ledger.replay(Duration.ofMinutes(2));
        ledger.undecodable().forEach(r -> report.other.add("an undecodable record on the events topic: " + r));
        report.other.addAll(unexpectedExits);
        for (Gen gen : gens) {
            report.generations++;
            if (gen.faulted()) {
                report.faultedGenerations++;
            }
            String id = gen.id();
            List<EventLedger.Rec> live = ledger.events(id);
            List<EventLedger.Rec> replayed = first.getOrDefault(id, List.of());
            report.events += replayed.size();
            if (!EventLedger.same(live, replayed)) {
                report.add(id + ": the live read_committed reader saw " + live.size() + " records, a replay "
                        + replayed.size() + ", not the same (a duplicate or missing record: " + firstDifference(live, replayed) + ")");
            }
            if (!EventLedger.same(replayed, second.getOrDefault(id, List.of()))) {
                report.add(id + ": two replays of the topic differ (a duplicate or missing record)");
            }
            dump(gen, live);
            List<String> violations = new ArrayList<>();
            Map<String, String> fromEvents = EventLedger.check(id, replayed, violations);
            violations.forEach(report::add);
            GenerationEvent end = ledger.end(id);
            if (end != null && end.getPayload() instanceof GenerationFailed) {
                log("checked %s: %d events, failed", id, replayed.size());
                continue; // said above; it has no files to compare
            }
            Map<String, byte[]> files = files(id);
            Map<String, byte[]> expected = reference.get(gen.template().name());
            compareFiles(id, "the unfaulted " + gen.template().name() + " run", expected, files, report);
            Map<String, byte[]> eventFiles = new TreeMap<>();
            fromEvents.forEach((path, content) -> eventFiles.put(path, content.getBytes(StandardCharsets.UTF_8)));
            compareFiles(id, "its FileChanged events", eventFiles, files, report);
            if (coordinators.size() > 1) {
                checkQueries(id, files, report);
            }
            checkSse(gen, replayed, report);
            log("checked %s: %d events, end %s, SSE %d events (%d resumes)", id, replayed.size(),
                    end == null ? "none" : end.getPayload().getClass().getSimpleName(), gen.sse().events().size(),
                    gen.sse().resumes());
        }
        report.silentReissues = (int) gens.stream().flatMap(g -> ledger.events(g.id()).stream()).filter(FaultRun::silent).count();
        for (Pause pause : pauses) {
            if (reissued(pause)) {
                report.pausesReissued++;
            } else if (pause.streaming()) {
                report.other.add("a task of " + pause.role() + " was streaming when its agent was frozen for "
                        + Duration.ofNanos(pause.to() - pause.from()) + ", past the deadline, and was not issued again");
            }
        }
        return report;
    }

    /** The generation's events, one line each, on the run's clock, into the kept logs (for a diagnosis). */
    private void dump(Gen gen, List<EventLedger.Rec> events) {
        List<String> lines = new ArrayList<>();
        for (EventLedger.Rec rec : events) {
            Object payload = rec.event().getPayload();
            String what = payload instanceof io.streamgen.schema.event.FileChanged f
                    ? "FileChanged " + f.getPath() + " v" + f.getVersion() + " " + f.getOp() + " " + f.getAuthors()
                      + " sha " + f.getSha256().substring(0, 8) + (f.getContent() != null ? " +content" : "")
                      + " diff " + f.getDiff().length() + " B"
                    : payload instanceof io.streamgen.schema.event.DraftChunk d
                    ? "DraftChunk " + d.getTaskId() + " #" + d.getSeq() + " " + d.getPath()
                    : EventLedger.type(rec) + " " + payload;
            lines.add(String.format(Locale.ROOT, "%7.2f %s %s", (rec.seenNanos() - started) / 1e9, rec.id(),
                    what.length() > 400 ? what.substring(0, 400) + "…" : what));
        }
        try {
            Path dir = Files.createDirectories(state.resolve("logs"));
            Files.write(dir.resolve("events-" + gen.id() + ".txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log("cannot dump the events of %s: %s", gen.id(), e);
        }
    }

    private static String firstDifference(List<EventLedger.Rec> a, List<EventLedger.Rec> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size() || !a.get(i).sameAs(b.get(i))) {
                return "at #" + i + ": " + (i < a.size() ? a.get(i).id() + " " + EventLedger.type(a.get(i)) : "-") + " / "
                        + (i < b.size() ? b.get(i).id() + " " + EventLedger.type(b.get(i)) : "-");
            }
        }
        return "none";
    }

    private static void compareFiles(String id, String what, Map<String, byte[]> expected, Map<String, byte[]> actual,
                                     Report report) {
        if (!expected.keySet().equals(actual.keySet())) {
            report.other.add(id + ": files " + actual.keySet() + ", " + what + " has " + expected.keySet());
        }
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            byte[] got = actual.get(file.getKey());
            if (got != null && !Arrays.equals(got, file.getValue())) {
                report.other.add(id + ": " + file.getKey() + " (" + got.length + " B) differs from " + what + " ("
                        + file.getValue().length + " B)");
            }
        }
    }

    /**
     * Every coordinator answers the generation's queries with the same files, each naming the same
     * owner: the instance that holds its stores answers, the others relay to it.
     */
    private void checkQueries(String id, Map<String, byte[]> files, Report report) throws Exception {
        Set<String> servedBy = new java.util.TreeSet<>();
        for (java.net.URI coordinator : coordinators) {
            compareFiles(id, "the files " + coordinator + " serves", files(id, coordinator), files, report);
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(coordinator + "/generations/" + id)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + coordinatorSecret).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            String owner = answer.headers().firstValue("Streamgen-Served-By").orElse("?");
            servedBy.add(owner);
            if (!owner.endsWith(":" + coordinator.getPort())) {
                report.forwardedQueries++;
            }
        }
        if (servedBy.size() != 1) {
            report.other.add(id + ": the coordinators named different owners: " + servedBy);
        }
        report.owners.merge(servedBy.iterator().next(), 1, Integer::sum);
    }

    private void checkSse(Gen gen, List<EventLedger.Rec> kafka, Report report) throws Exception {
        String id = gen.id();
        SseFollower sse = gen.sse();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sse.ended() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        report.sseClients++;
        report.sseResumes += sse.resumes();
        if (sse.resumes() > 0) {
            report.sseResumedClients++;
        }
        if (sse.gatewaysUsed() > 1) {
            report.sseClientsOnSeveralGateways++;
        }
        List<SseFollower.SseEvent> seen = sse.events();
        report.sseEvents += seen.size();
        if (!sse.ended()) {
            report.other.add(id + ": the SSE client did not reach the end event (" + seen.size() + " events, "
                    + sse.resumes() + " resumes, last error " + sse.lastError() + ")");
        }
        List<String> seenIds = seen.stream().map(SseFollower.SseEvent::id).toList();
        Set<String> unique = new HashSet<>();
        List<String> repeated = seenIds.stream().filter(i -> !unique.add(i)).toList();
        if (!repeated.isEmpty()) {
            report.duplicated.add(id + ": the resuming SSE client saw " + repeated.size() + " events twice: "
                    + repeated.subList(0, Math.min(5, repeated.size())));
        }
        List<SseFollower.SseEvent> uninterrupted = SseFollower.readOnce(gateways.get(gateways.size() - 1), id,
                Duration.ofMinutes(1));
        List<String> referenceIds = uninterrupted.stream().map(SseFollower.SseEvent::id).toList();
        List<String> missing = referenceIds.stream().filter(i -> !unique.contains(i)).toList();
        if (!missing.isEmpty()) {
            report.lost.add(id + ": the resuming SSE client missed " + missing.size() + " events: "
                    + missing.subList(0, Math.min(5, missing.size())));
        }
        if (repeated.isEmpty() && missing.isEmpty() && !seen.equals(uninterrupted)) {
            report.other.add(id + ": the resuming SSE client saw the same ids as an uninterrupted read, not the same events"
                    + " (order or data differ)");
        }
        List<String> kafkaIds = kafka.stream().map(EventLedger.Rec::id).toList();
        if (!referenceIds.equals(kafkaIds)) {
            List<String> notServed = kafkaIds.stream().filter(i -> !referenceIds.contains(i)).toList();
            report.lost.add(id + ": the gateway's SSE stream has " + referenceIds.size() + " events, the topic "
                    + kafkaIds.size() + " (not served: " + notServed.subList(0, Math.min(5, notServed.size())) + ")");
        }
    }

    private static boolean silent(EventLedger.Rec rec) {
        return rec.event().getPayload() instanceof TaskStateChanged t && t.getState() == AgentState.FAILED
                && t.getError() != null && t.getError().contains("no sign of life");
    }

    /** Whether, while the agent was frozen (or just after), a task of its role was timed out and issued again. */
    private boolean reissued(Pause pause) {
        for (Gen gen : gens) {
            List<EventLedger.Rec> events = ledger.events(gen.id());
            for (int i = 0; i < events.size(); i++) {
                EventLedger.Rec rec = events.get(i);
                if (silent(rec) && ((TaskStateChanged) rec.event().getPayload()).getRole() == pause.role()
                        && rec.seenNanos() >= pause.from() && rec.seenNanos() <= pause.to() + Duration.ofSeconds(10).toNanos()) {
                    TaskStateChanged timedOut = (TaskStateChanged) rec.event().getPayload();
                    for (EventLedger.Rec later : events.subList(i + 1, events.size())) {
                        if (later.event().getPayload() instanceof TaskStateChanged t && t.getTaskId().equals(timedOut.getTaskId())
                                && t.getAttempt() > timedOut.getAttempt()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The run's figures, as the README quotes them. */
    String summary(Report report) {
        Map<String, Long> kinds = new TreeMap<>(faultsDone.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue())));
        return String.format(Locale.ROOT, """
                fault suite, seed %d, %.0f s in all, %d broker node(s), %d instance(s) of every service
                  faults: %s
                  generations checked: %d (%d unfaulted reference, %d under faults), completed with files identical to the reference: %s
                  events checked: %d (read_committed live = 2 replays), lost: %d, duplicated: %d, file versions reused: %d, other findings: %d
                  tasks timed out and issued again: %d; pauses past the deadline whose task was issued again: %d of %d
                  SSE: %d clients, %d resumed with Last-Event-ID (%d resumes, %d clients on more than one gateway), %d events seen""",
                seed, (System.nanoTime() - started) / 1e9, stack.stack().scale().brokers(),
                stack.stack().scale().instances(), kinds, report.generations,
                report.generations - report.faultedGenerations, report.faultedGenerations,
                report.all().isEmpty() ? "all" : "see findings", report.events, report.lost.size(),
                report.duplicated.size(), report.versionReuse.size(), report.other.size(), report.silentReissues, report.pausesReissued, pauses.size(),
                report.sseClients, report.sseResumedClients, report.sseResumes, report.sseClientsOnSeveralGateways,
                report.sseEvents)
                + (report.owners.isEmpty() ? "" : String.format(Locale.ROOT,
                        "%n  interactive queries: generations per owning coordinator %s, %d answers relayed by the other",
                        report.owners, report.forwardedQueries))
                + (report.all().isEmpty() ? "" : "\n  findings:\n    " + String.join("\n    ", report.all()));
    }

    Map<String, Integer> faultsDone() {
        return Collections.unmodifiableMap(faultsDone);
    }

    /** {@code faults} in a seeded random order. */
    List<Fault> shuffled(List<Fault> faults) {
        List<Fault> order = new ArrayList<>(faults);
        Collections.shuffle(order, schedule);
        return order;
    }

    Random random() {
        return schedule;
    }

    void log(String format, Object... args) {
        String line = String.format(Locale.ROOT, "[faults %6.1f s] %s", (System.nanoTime() - started) / 1e9,
                String.format(Locale.ROOT, format, args));
        System.out.println(line);
        try {
            Files.createDirectories(state.resolve("logs"));
            Files.writeString(state.resolve("logs").resolve("fault-run.txt"), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("cannot write the run's log: " + e);
        }
    }

    @Override
    public void close() throws Exception {
        for (Gen gen : gens) {
            gen.sse().stop();
        }
        if (ledger != null) {
            ledger.close();
        }
        stack.down();
        keepLogs();
        List<Path> left = ArtifactSnapshot.deleteTree(state);
        if (!left.isEmpty()) {
            System.out.println("could not delete " + left);
        }
    }

    /** The services' logs, kept under target/ (the state directory goes). */
    private void keepLogs() {
        Path logs = state.resolve("logs");
        Path keep = Path.of("target", "fault-logs", Long.toString(seed)).toAbsolutePath();
        try (Stream<Path> walk = Files.walk(logs)) {
            Files.createDirectories(keep);
            for (Path log : walk.filter(Files::isRegularFile).toList()) {
                Files.copy(log, keep.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Path broker = state.resolve("kafka").resolve("logs").resolve("broker.log");
            if (Files.exists(broker)) {
                Files.copy(broker, keep.resolve("kafka.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            log("logs kept in %s", keep);
        } catch (IOException e) {
            log("could not keep the logs: %s", e);
        }
    }
}
