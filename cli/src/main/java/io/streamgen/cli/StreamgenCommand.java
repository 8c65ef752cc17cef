package io.streamgen.cli;

import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MergeStrategy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streamgen}: run the local stack, generate software, follow and replay generations. */
@Command(name = "streamgen", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "streamgen 0.1.0",
        description = "Real-time, multi-agent code generation on Apache Kafka.",
        subcommands = {StreamgenCommand.Up.class, StreamgenCommand.Down.class, StreamgenCommand.Status.class,
                StreamgenCommand.Generate.class, StreamgenCommand.Submit.class, StreamgenCommand.Replay.class, StreamgenCommand.Intervene.class,
                StreamgenCommand.Rollback.class, StreamgenCommand.Rederive.class, StreamgenCommand.Demo.class})
public final class StreamgenCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, with errors said in one line instead of a stack trace: a bad argument exits
     * 64 (a usage error), anything else (a service not answering, a refusal) exits 1.
     */
    static CommandLine commandLine() {
        return new CommandLine(new StreamgenCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((error, args) -> {
                    CommandLine commandLine = error.getCommandLine();
                    commandLine.getErr().println(commandLine.getCommandName() + ": " + error.getMessage());
                    commandLine.getErr().println("(" + commandLine.getCommandSpec().qualifiedName() + " --help says more)");
                    return 64;
                })
                .setExecutionExceptionHandler((error, commandLine, parsed) -> {
                    String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
                    commandLine.getErr().println("streamgen " + commandLine.getCommandName() + ": " + message);
                    return error instanceof UsageException ? 64 : 1;
                });
    }

    /** Where the project (its built services) and the stack's state are. */
    static final class StackOptions {
        @Option(names = "--data", description = "state, logs and pids (default: .streamgen under the project)")
        Path data;
        @Option(names = "--rate", defaultValue = "-1", description = "offline model tokens/s for `up` (0 = as fast as possible)")
        double rate;
        @Option(names = "--brokers", description = "Kafka nodes in the local KRaft cluster: 1, or 3+ (3 replicas, min ISR 2);"
                + " default: as the stack was started, else 1")
        Integer brokers;
        @Option(names = "--instances", description = "processes of every service (coordinator, each agent, gateway);"
                + " instance k listens at the default port + 100·k; default: as the stack was started, else 1")
        Integer instances;
        LocalStack stack() {
            Path home = Path.of(System.getProperty("streamgen.home", "."));
            Path state = data != null ? data : home.resolve(".streamgen");
            LocalStack.Scale recorded = LocalStack.Scale.recorded(state).orElse(LocalStack.Scale.SINGLE);
            LocalStack.Scale scale;
            try {
                scale = new LocalStack.Scale(brokers != null ? brokers : recorded.brokers(),
                        instances != null ? instances : recorded.instances());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            // a stack started locked down stays so (LocalStack#secure): only `up` and `demo` may ask for it
            return new LocalStack(home, state, LocalStack.Ports.defaults(), rate).withScale(scale);
        }

        /** Starts what is not running, waits until all is healthy, says how long it took. */
        LocalStack up(Duration timeout, boolean secure) throws Exception {
            long start = System.nanoTime();
            LocalStack stack = stack().withSecurity(secure);
            stack.up(timeout, System.out);
            System.out.printf("streamgen is up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return stack;
        }
    }

    static final String SECURE = "lock Kafka down: SASL/SCRAM logins, ACLs deny-by-default, one principal per service"
            + " (random passwords in <data>/kafka-credentials.properties, 0600); a stack started so stays so"
            + " (env STREAMGEN_KAFKA_SECURE)";

    @Command(name = "up", description = "Start Kafka and every service (no Docker), wait until healthy.")
    static final class Up implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions options;
        @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "3m", description = "how long to wait until healthy (default: ${DEFAULT-VALUE}; 90s, 4m, 1h30m, 240 (seconds) or PT10M)")
        Duration timeout;
        @Option(names = "--secure", defaultValue = "${env:STREAMGEN_KAFKA_SECURE:-false}", description = SECURE)
        boolean secure;

        @Override
        public Integer call() throws Exception {
            options.up(timeout, secure);
            return 0;
        }
    }

    @Command(name = "demo", description = "`up`, then a sample generation with every flag, then the dashboard URL.")
    static final class Demo implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions options;
        @Option(names = "--out", description = "where to write the sample's files (default: ./out/<id>)")
        Path out;
        @Option(names = "--plain", description = "plain lines even on a terminal")
        boolean plain;
        @Option(names = "--secure", defaultValue = "${env:STREAMGEN_KAFKA_SECURE:-false}", description = SECURE)
        boolean secure;

        @Override
        public Integer call() throws Exception {
            LocalStack stack = options.up(Duration.ofMinutes(4), secure);
            Flags every = Flags.newBuilder().setParallel(true).setPreview(true).setCheckpoint(true).setOptimize(true)
                    .setTest(true).setVerbose(true).build();
            String id = "demo-" + UUID.randomUUID().toString().substring(0, 8);
            GenerationRequested request = GenerationRequested.newBuilder().setGenerationId(id)
                    .setPrompt("a recipe manager with ingredients, tags and cooking time").setFlags(every)
                    .setRequestedBy("demo").setRequestedAt(Instant.now()).build();
            int exit = run(new GatewayGenerations(stack.gatewayUrl()), request, out != null ? out : Path.of("out", id),
                    EventView.choose(System.out, false, false, plain), false, Duration.ofMinutes(10), System.out);
            System.out.println("dashboard: " + stack.gatewayUrl() + "/   (stop everything with ./streamgen down)");
            return exit;
        }
    }

    @Command(name = "down", description = "Stop the services and Kafka that `up` started.")
    static final class Down implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions options;

        @Override
        public Integer call() throws Exception {
            options.stack().down(System.out);
            return 0;
        }
    }

    @Command(name = "status", description = "Show each component's health.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions options;

        @Override
        public Integer call() {
            var status = options.stack().status();
            status.forEach((name, state) -> System.out.printf("%-20s %s%n", name, state));
            return status.values().stream().allMatch(s -> s.startsWith("healthy") || s.startsWith("running")) ? 0 : 3;
        }
    }

    /** The seven flags, named the same everywhere. */
    static final class FlagOptions {
        @Option(names = "--parallel", description = "roles of a phase work at once")
        boolean parallel;
        @Option(names = "--buffer-size", description = "tokens per chunk (default: adaptive)")
        Integer bufferSize;
        @Option(names = "--preview", description = "draft chunks and a live preview")
        boolean preview;
        @Option(names = "--checkpoint", description = "also checkpoint every N statements")
        boolean checkpoint;
        @Option(names = "--optimize", description = "run the OPTIMIZE phase")
        boolean optimize;
        @Option(names = "--test", description = "write tests (alongside FEATURES and in TEST)")
        boolean test;
        @Option(names = "--verbose", description = "bus messages and metrics as events, per-chunk detail here")
        boolean verbose;

        Flags flags() {
            return Flags.newBuilder().setParallel(parallel).setBufferSize(bufferSize).setPreview(preview)
                    .setCheckpoint(checkpoint).setOptimize(optimize).setTest(test).setVerbose(verbose).build();
        }
    }

    /** How events are shown. */
    static final class Display {
        @Option(names = "--json", description = "print each event as one JSON line {id, type, data} and nothing else")
        boolean json;
        @Option(names = "--plain", description = "plain lines even on a terminal (they are the default elsewhere)")
        boolean plain;

        EventView view(boolean verbose) {
            return EventView.choose(System.out, json, verbose, plain);
        }
    }

    /** The gateway and its bearer token. */
    static final class GatewayOptions {
        @Option(names = "--gateway", defaultValue = "${env:STREAMGEN_GATEWAY:-http://localhost:8080}",
                description = "the gateway (default path: REST + SSE; env STREAMGEN_GATEWAY)")
        String gateway;
        @Option(names = "--token", defaultValue = "${env:STREAMGEN_TOKEN}",
                description = "bearer token when the gateway's auth is on (env STREAMGEN_TOKEN)")
        String token;

        GatewayGenerations generations() {
            return new GatewayGenerations(URI.create(gateway), token);
        }
    }

    /** Where generations are submitted and followed: the gateway (default) or straight on Kafka. */
    static final class Target {
        @CommandLine.Mixin
        GatewayOptions gateway;
        @Option(names = "--kafka", description = "bootstrap servers: go straight to the topics, as a platform team's own code would")
        String kafka;
        @Option(names = "--coordinator", defaultValue = "${env:STREAMGEN_COORDINATOR:-http://localhost:8081}",
                description = "with --kafka: where the merged files are read (env STREAMGEN_COORDINATOR)")
        String coordinator;
        @Option(names = "--coordinator-secret", defaultValue = "${env:STREAMGEN_COORDINATOR_API_SECRET}",
                description = "with --kafka: the coordinator's API secret (env STREAMGEN_COORDINATOR_API_SECRET;"
                        + " default: the one `streamgen up` made in .streamgen)")
        String coordinatorSecret;

        @Option(names = "--kafka-config", defaultValue = "${env:STREAMGEN_KAFKA_CONFIG}", paramLabel = "FILE",
                description = "with --kafka: client settings (a properties file, e.g. a locked-down stack's login:"
                        + " .streamgen/kafka-cli.properties; env STREAMGEN_KAFKA_CONFIG)")
        Path kafkaConfig;

        Generations generations() {
            String secret = coordinatorSecret != null ? coordinatorSecret : LocalStack.recordedApiSecret(
                    Path.of(System.getProperty("streamgen.home", ".")).resolve(".streamgen")).orElse(null);
            return kafka != null ? new KafkaGenerations(kafka, URI.create(coordinator), secret, kafkaClientConfig(kafkaConfig))
                    : gateway.generations();
        }
    }

    /** A Kafka client properties file as settings; none without a file. */
    public static java.util.Map<String, Object> kafkaClientConfig(Path file) {
        if (file == null) {
            return java.util.Map.of();
        }
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UsageException("cannot read --kafka-config " + file + ": " + e.getMessage());
        }
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        props.stringPropertyNames().forEach(name -> config.put(name, props.getProperty(name)));
        return config;
    }

    /** What to build: the prompt, the seven flags, a blueprint, the merge strategy. */
    static final class RequestOptions {
        @Parameters(index = "0", description = "what to build")
        String prompt;
        @CommandLine.Mixin
        FlagOptions flags;
        @Option(names = "--blueprint", description = "a JSON file, or the JSON inline: {\"appName\": …, \"entities\": [{\"name\": …, \"fields\": [{\"name\": …, \"type\": …, \"required\": …}]}]}")
        String blueprint;
        @Option(names = "--merge", defaultValue = "phase-priority", description = "phase-priority, owner-wins or three-way")
        String merge;
        @Option(names = "--no-cache", description = "every task calls its model, even when the response cache"
                + " holds the answer to its prompt")
        boolean noCache;

        GenerationRequested request() throws IOException {
            return GenerationRequested.newBuilder().setGenerationId("gen-" + UUID.randomUUID().toString().substring(0, 12))
                    .setPrompt(prompt).setBlueprint(blueprint == null ? null : BlueprintArgument.parse(blueprint))
                    .setFlags(flags.flags()).setMergeStrategy(mergeStrategy(merge)).setCache(!noCache)
                    .setRequestedBy(System.getProperty("user.name", "cli")).setRequestedAt(Instant.now()).build();
        }
    }

    @Command(name = "generate", description = "Submit a generation, follow it, write its files.")
    static final class Generate implements Callable<Integer> {
        @CommandLine.Mixin
        RequestOptions what;
        @Option(names = "--out", description = "where to write the files (default: ./out/<id>)")
        Path out;
        @CommandLine.Mixin
        Display display;
        @CommandLine.Mixin
        Target target;
        @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10m", description = "how long to wait for the end, riding out gateway restarts (default: ${DEFAULT-VALUE}; 90s, 4m, 1h30m, 240 (seconds) or PT10M)")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            GenerationRequested request = what.request();
            return run(target.generations(), request, out != null ? out : Path.of("out", request.getGenerationId()),
                    display.view(what.flags.verbose), display.json, timeout, System.out);
        }
    }

    @Command(name = "submit", description = "Submit a generation and print its id, without following it (for scripts).")
    static final class Submit implements Callable<Integer> {
        @CommandLine.Mixin
        RequestOptions what;
        @CommandLine.Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            System.out.println(target.generations().submit(what.request()));
            return 0;
        }
    }

    static MergeStrategy mergeStrategy(String name) {
        return mergeStrategy(name, "--merge");
    }

    static MergeStrategy mergeStrategy(String name, String option) {
        try {
            return MergeStrategy.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " is phase-priority, owner-wins or three-way, not " + name);
        }
    }

    @Command(name = "rederive", description = "Run a finished generation's recorded chunks again as a new generation"
            + " with another merge strategy (no model is called), from the start or from one of its checkpoints;"
            + " follow it and write its files, as generate does.")
    static final class Rederive implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "GENERATION_ID", description = "the finished generation to re-derive")
        String generationId;
        @Option(names = "--merge-strategy", paramLabel = "STRATEGY",
                description = "phase-priority, owner-wins or three-way (default: the source's)")
        String mergeStrategy;
        @Option(names = "--from-checkpoint", paramLabel = "N", description = "start from the source's checkpoint N"
                + " (its files, regions and owners) and run only the phases a rollback to N would run again"
                + " (default: the whole source)")
        Integer fromCheckpoint;
        @Option(names = "--out", description = "where to write the files (default: ./out/<new id>)")
        Path out;
        @CommandLine.Mixin
        Display display;
        @Option(names = "--verbose", description = "per-chunk detail")
        boolean verbose;
        @CommandLine.Mixin
        GatewayOptions gateway;
        @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10m", description = "how long to wait for the end, riding out gateway restarts (default: ${DEFAULT-VALUE}; 90s, 4m, 1h30m, 240 (seconds) or PT10M)")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            MergeStrategy strategy = mergeStrategy == null ? null : mergeStrategy(mergeStrategy, "--merge-strategy");
            if (fromCheckpoint != null && fromCheckpoint < 1) {
                throw new UsageException("--from-checkpoint is a checkpoint id (1, 2, ...), not " + fromCheckpoint);
            }
            GatewayGenerations generations = gateway.generations();
            // the new generation has no earlier events: read from well before, whatever its records' timestamps
            FollowFrom from = new FollowFrom.Submitted(Instant.now().minusSeconds(60));
            String id = generations.rederive(generationId, strategy, fromCheckpoint);
            if (!display.json) {
                System.out.println("generation " + id + " re-derives " + generationId
                        + (fromCheckpoint == null ? "" : " from checkpoint " + fromCheckpoint)
                        + (strategy == null ? "" : " with " + mergeStrategy.toLowerCase(Locale.ROOT)));
            }
            return followToEnd(generations, id, from, out != null ? out : Path.of("out", id), display.view(verbose),
                    display.json, timeout, System.out);
        }
    }

    /**
     * Submits, follows to the end, writes the files; the exit code says how it ended: 0 completed,
     * 1 failed, 2 cancelled, 3 no end within the timeout.
     */
    public static int run(Generations generations, GenerationRequested request, Path out, EventView view, boolean json,
                          Duration timeout, PrintStream printer) throws IOException, InterruptedException {
        // a new generation has no earlier events: read from well before, whatever its records' timestamps
        FollowFrom from = new FollowFrom.Submitted(Instant.now().minusSeconds(60));
        String id = generations.submit(request);
        if (!json) {
            printer.println("generation " + id + " submitted");
        }
        return followToEnd(generations, id, from, out, view, json, timeout, printer);
    }

    /** Follows the generation from {@code from} to its end and writes its files; the exit code as {@link #run}. */
    public static int followToEnd(Generations generations, String id, FollowFrom from, Path out, EventView view, boolean json,
                           Duration timeout, PrintStream printer) throws IOException, InterruptedException {
        StreamedEvent last = show(generations, id, from, timeout, view);
        if (last == null || !last.ends()) {
            System.err.println("no end of generation " + id + " within " + StreamOutage.say(timeout));
            return 3;
        }
        if (last.type().equals("generation-failed")) {
            System.err.println("generation " + id + (last.cancelled() ? " cancelled: " : " failed: ")
                    + last.payload().path("reason").asText());
            return last.cancelled() ? 2 : 1;
        }
        var written = generations.writeFiles(id, out);
        if (!json) {
            printer.println("wrote " + written.size() + " files to " + out.toAbsolutePath());
        }
        return 0;
    }

    /** Follows the generation into the view; returns its last event. */
    static StreamedEvent show(Generations generations, String generationId, FollowFrom from, Duration timeout, EventView view)
            throws IOException, InterruptedException {
        try {
            return generations.follow(generationId, from, timeout, view::show);
        } finally {
            view.finish();
        }
    }

    @Command(name = "replay", description = "Print a generation's events again, from its topic offsets (no model is called).")
    static final class Replay implements Callable<Integer> {
        @Parameters(index = "0")
        String generationId;

        static final class Start {
            @Option(names = "--from-checkpoint", paramLabel = "N", description = "from checkpoint N's CheckpointTaken")
            Integer checkpoint;
            @Option(names = "--from", paramLabel = "EVENT_ID", description = "the events after EVENT_ID (<partition>-<offset>, as Last-Event-ID)")
            String eventId;
        }

        @CommandLine.ArgGroup(exclusive = true)
        Start start;
        @CommandLine.Mixin
        Display display;
        @Option(names = "--verbose", description = "every event, per-chunk detail included")
        boolean verbose;
        @CommandLine.Mixin
        Target target;
        @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "2m", description = "how long to follow a generation still running (default: ${DEFAULT-VALUE}; 90s, 4m, 1h30m, 240 (seconds) or PT10M)")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            FollowFrom from = start == null ? new FollowFrom.Beginning()
                    : start.checkpoint != null ? new FollowFrom.Checkpoint(start.checkpoint) : new FollowFrom.After(start.eventId);
            EventView view = display.view(verbose);
            StreamedEvent last = show(target.generations(), generationId, from, timeout, view);
            if (last == null) {
                System.err.println("no events of generation " + generationId
                        + (from instanceof FollowFrom.Checkpoint c ? " from checkpoint " + c.n() : "")
                        + (from instanceof FollowFrom.After a ? " after " + a.eventId() : ""));
                return 1;
            }
            if (!last.ends()) {
                System.err.println("generation " + generationId + " did not end within " + StreamOutage.say(timeout));
                return 3;
            }
            return 0;
        }
    }

    @Command(name = "intervene", description = "pause | resume | cancel | steer TEXT a running generation.")
    static final class Intervene implements Callable<Integer> {
        @Parameters(index = "0")
        String generationId;
        @Parameters(index = "1", description = "pause, resume, cancel or steer")
        InterventionAction action;
        @Parameters(index = "2", arity = "0..1", description = "the steering instruction")
        String text;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            if (action == InterventionAction.STEER && (text == null || text.isBlank())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "steer needs the instruction: intervene ID steer \"TEXT\"");
            }
            if (action == InterventionAction.ROLLBACK) {
                throw new CommandLine.ParameterException(spec.commandLine(), "use `streamgen rollback ID N`");
            }
            target.generations().intervene(intervention(generationId, action, text, null));
            System.out.println(action + " sent to " + generationId);
            return 0;
        }
    }

    @Command(name = "rollback", description = "Roll a generation back to checkpoint N; later phases run again.")
    static final class Rollback implements Callable<Integer> {
        @Parameters(index = "0")
        String generationId;
        @Parameters(index = "1")
        int checkpoint;
        @Option(names = "--steer", paramLabel = "TEXT", description = "an instruction for the re-run")
        String steer;
        @Option(names = "--follow", description = "follow the re-run to its end and write the files, as generate does")
        boolean follow;
        @Option(names = "--out", description = "with --follow: where to write the files (default: ./out/<id>)")
        Path out;
        @CommandLine.Mixin
        Display display;
        @Option(names = "--verbose", description = "with --follow: per-chunk detail")
        boolean verbose;
        @CommandLine.Mixin
        Target target;
        @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10m", description = "how long to wait for the end, riding out gateway restarts (default: ${DEFAULT-VALUE}; 90s, 4m, 1h30m, 240 (seconds) or PT10M)")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            Intervention rollback = intervention(generationId, InterventionAction.ROLLBACK, steer, checkpoint);
            Generations generations = target.generations();
            String interventionId = generations.intervene(rollback);
            if (!display.json) {
                System.out.println("rollback to checkpoint " + checkpoint + " sent to " + generationId);
            }
            if (!follow) {
                return 0;
            }
            return followToEnd(generations, generationId, new FollowFrom.AfterIntervention(interventionId, rollback.getAt()), out != null ? out : Path.of("out", generationId), display.view(verbose),
                    display.json, timeout, System.out);
        }
    }

    public static Intervention intervention(String generationId, InterventionAction action, String text, Integer checkpoint) {
        return Intervention.newBuilder().setInterventionId(UUID.randomUUID().toString()).setGenerationId(generationId)
                .setAction(action).setText(text).setCheckpointId(checkpoint)
                .setRequestedBy(System.getProperty("user.name", "cli")).setAt(Instant.now()).build();
    }

}
