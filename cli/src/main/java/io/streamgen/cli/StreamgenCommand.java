package io.streamgen.cli;

import io.streamgen.schema.Blueprint;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.TaskStateChanged;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streamgen}: run the local stack, generate software, follow and replay generations. */
@Command(name = "streamgen", mixinStandardHelpOptions = true, version = "streamgen 0.1.0",
        description = "Real-time, multi-agent code generation on Apache Kafka.",
        subcommands = {StreamgenCommand.Up.class, StreamgenCommand.Down.class, StreamgenCommand.Status.class,
                StreamgenCommand.Generate.class, StreamgenCommand.Replay.class, StreamgenCommand.Intervene.class,
                StreamgenCommand.Rollback.class, StreamgenCommand.Demo.class})
public final class StreamgenCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamgenCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** Where the project (its built services) and the stack's state are. */
    static final class StackOptions {
        @Option(names = "--data", description = "state, logs and pids (default: .streamgen under the project)")
        Path data;
        @Option(names = "--rate", defaultValue = "-1", description = "offline model tokens/s for `up` (0 = as fast as possible)")
        double rate;

        LocalStack stack() {
            Path home = Path.of(System.getProperty("streamgen.home", "."));
            return new LocalStack(home, data != null ? data : home.resolve(".streamgen"), LocalStack.Ports.defaults(), rate);
        }
    }

    @Command(name = "up", description = "Start Kafka and every service (no Docker), wait until healthy.")
    static final class Up implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions options;
        @Option(names = "--timeout", defaultValue = "PT3M")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            LocalStack stack = options.stack();
            stack.up(timeout, System.out);
            System.out.printf("streamgen is up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    @Command(name = "demo", description = "`up`, then a sample generation with every flag, then the dashboard URL.")
    static final class Demo implements Callable<Integer> {
        @CommandLine.Mixin
        StackOptions options;
        @Option(names = "--out", description = "where to write the sample's files (default: ./out/<id>)")
        Path out;

        @Override
        public Integer call() throws Exception {
            LocalStack stack = options.stack();
            long start = System.nanoTime();
            stack.up(Duration.ofMinutes(4), System.out);
            System.out.printf("streamgen is up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            Flags every = Flags.newBuilder().setParallel(true).setPreview(true).setCheckpoint(true).setOptimize(true)
                    .setTest(true).setVerbose(true).build();
            String id = "demo-" + UUID.randomUUID().toString().substring(0, 8);
            GenerationRequested request = GenerationRequested.newBuilder().setGenerationId(id)
                    .setPrompt("a recipe manager with ingredients, tags and cooking time").setFlags(every)
                    .setRequestedBy("demo").setRequestedAt(Instant.now()).build();
            int exit = run(new KafkaGenerations(stack.bootstrapServers()), request, new CoordinatorFiles(stack.coordinatorUrl()),
                    out != null ? out : Path.of("out", id), false, false, Duration.ofMinutes(10), System.out);
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

    @Command(name = "generate", description = "Submit a generation, follow it, write its files.")
    static final class Generate implements Callable<Integer> {
        @Parameters(index = "0", description = "what to build")
        String prompt;
        @CommandLine.Mixin
        FlagOptions flags;
        @Option(names = "--blueprint", description = "JSON blueprint: {\"appName\": …, \"entities\": [{\"name\": …, \"fields\": [{\"name\": …, \"type\": …, \"required\": …}]}]}")
        Path blueprint;
        @Option(names = "--merge", defaultValue = "phase-priority", description = "phase-priority, owner-wins or three-way")
        String merge;
        @Option(names = "--out", description = "where to write the files (default: ./out/<id>)")
        Path out;
        @Option(names = "--json", description = "print each event as one JSON line and nothing else")
        boolean json;
        @Option(names = "--gateway", defaultValue = "http://localhost:8080", description = "the gateway (default path: REST + SSE)")
        String gateway;
        @Option(names = "--kafka", description = "bootstrap servers: submit straight to the requests topic and follow the events topic, as a platform team's producer would")
        String kafka;
        @Option(names = "--coordinator", defaultValue = "http://localhost:8081", description = "with --kafka: where the merged files are read")
        String coordinator;
        @Option(names = "--timeout", defaultValue = "PT10M")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            String id = "gen-" + UUID.randomUUID().toString().substring(0, 12);
            GenerationRequested request = GenerationRequested.newBuilder().setGenerationId(id).setPrompt(prompt)
                    .setBlueprint(blueprint == null ? null : readBlueprint(blueprint)).setFlags(flags.flags())
                    .setMergeStrategy(MergeStrategy.valueOf(merge.toUpperCase(Locale.ROOT).replace('-', '_')))
                    .setRequestedBy(System.getProperty("user.name", "cli")).setRequestedAt(Instant.now()).build();
            Path target = out != null ? out : Path.of("out", id);
            if (kafka != null) {
                return run(new KafkaGenerations(kafka), request, new CoordinatorFiles(java.net.URI.create(coordinator)),
                        target, json, flags.verbose, timeout, System.out);
            }
            return runThroughGateway(new GatewayGenerations(java.net.URI.create(gateway)), request, target, json,
                    flags.verbose, timeout, System.out);
        }
    }

    /** Like {@link #run} through the gateway: POST, SSE (resumed if it drops), archive.zip. */
    public static int runThroughGateway(GatewayGenerations gateway, GenerationRequested request, Path out, boolean json,
                                 boolean verbose, Duration timeout, PrintStream printer) throws IOException, InterruptedException {
        String id = gateway.submit(request);
        if (!json) {
            printer.println("generation " + id + " submitted");
        }
        SsePrinter ssePrinter = new SsePrinter(printer, json, verbose);
        GatewayGenerations.SseEvent last = gateway.follow(id, timeout, ssePrinter::print);
        if (last == null || !last.ends()) {
            System.err.println("no end of generation " + id + " within " + timeout);
            return 3;
        }
        if (last.type().equals("generation-failed")) {
            boolean cancelled = last.json().path("payload").path("cancelled").asBoolean();
            System.err.println("generation " + id + (cancelled ? " cancelled: " : " failed: ")
                    + last.json().path("payload").path("reason").asText());
            return cancelled ? 2 : 1;
        }
        var written = gateway.writeFiles(id, out);
        if (!json) {
            printer.println("wrote " + written.size() + " files to " + out.toAbsolutePath());
        }
        return 0;
    }

    /** Submits, follows to the end, writes the files; the exit code says how it ended. */
    static int run(KafkaGenerations kafka, GenerationRequested request, CoordinatorFiles files, Path out, boolean json,
                   boolean verbose, Duration timeout, PrintStream printer) throws IOException, InterruptedException {
        // a new generation has no earlier events: read from well before, whatever its records' timestamps
        Instant since = Instant.now().minusSeconds(60);
        kafka.submit(request);
        if (!json) {
            printer.println("generation " + request.getGenerationId() + " submitted");
        }
        EventPrinter eventPrinter = new EventPrinter(printer, json, verbose);
        KafkaGenerations.Event last = kafka.follow(request.getGenerationId(), since, timeout, eventPrinter::print);
        if (last == null || !last.ends()) {
            System.err.println("no end of generation " + request.getGenerationId() + " within " + timeout);
            return 3;
        }
        if (last.event().getPayload() instanceof GenerationFailed failed) {
            System.err.println("generation " + request.getGenerationId() + (failed.getCancelled() ? " cancelled: " : " failed: ")
                    + failed.getReason());
            return failed.getCancelled() ? 2 : 1;
        }
        var written = files.writeTo(request.getGenerationId(), out);
        if (!json) {
            printer.println("wrote " + written.size() + " files to " + out.toAbsolutePath());
        }
        return 0;
    }

    @Command(name = "replay", description = "Print a generation's events again, from its topic (no model is called).")
    static final class Replay implements Callable<Integer> {
        @Parameters(index = "0")
        String generationId;
        @Option(names = "--json")
        boolean json;
        @Option(names = "--kafka", defaultValue = "localhost:9092")
        String kafka;

        @Override
        public Integer call() {
            EventPrinter printer = new EventPrinter(System.out, json, true);
            var last = new KafkaGenerations(kafka).follow(generationId, Instant.EPOCH, Duration.ofSeconds(30), printer::print);
            return last == null ? 1 : 0;
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
        @Option(names = "--kafka", defaultValue = "localhost:9092")
        String kafka;

        @Override
        public Integer call() {
            new KafkaGenerations(kafka).intervene(intervention(generationId, action, text, null));
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
        @Option(names = "--kafka", defaultValue = "localhost:9092")
        String kafka;

        @Override
        public Integer call() {
            new KafkaGenerations(kafka).intervene(intervention(generationId, InterventionAction.ROLLBACK, null, checkpoint));
            System.out.println("rollback to checkpoint " + checkpoint + " sent to " + generationId);
            return 0;
        }
    }

    static Intervention intervention(String generationId, InterventionAction action, String text, Integer checkpoint) {
        return Intervention.newBuilder().setInterventionId(UUID.randomUUID().toString()).setGenerationId(generationId)
                .setAction(action).setText(text).setCheckpointId(checkpoint)
                .setRequestedBy(System.getProperty("user.name", "cli")).setAt(Instant.now()).build();
    }

    static Blueprint readBlueprint(Path file) throws IOException {
        return new SpecificDatumReader<>(Blueprint.class).read(null,
                DecoderFactory.get().jsonDecoder(Blueprint.getClassSchema(), Files.readString(file)));
    }

    /** Plain progress lines (or JSON lines with --json). */
    static final class EventPrinter {
        private final PrintStream out;
        private final boolean json;
        private final boolean verbose;

        EventPrinter(PrintStream out, boolean json, boolean verbose) {
            this.out = out;
            this.json = json;
            this.verbose = verbose;
        }

        private String describe(KafkaGenerations.Event event, Object payload) {
            if (payload instanceof PhaseChanged p) {
                return "phase   " + p.getPhase() + " " + p.getState().name().toLowerCase(Locale.ROOT);
            }
            if (payload instanceof TaskStateChanged t) {
                return verbose || t.getState() != io.streamgen.schema.AgentState.STREAMING
                        ? String.format("agent   %-12s %-9s %6d tokens %7.1f tok/s", t.getRole(), t.getState(),
                        t.getTokens(), t.getTokensPerSecond()) : null;
            }
            if (payload instanceof FileChanged f) {
                return verbose ? "file    " + f.getPath() + " v" + f.getVersion() + " " + f.getOp() : null;
            }
            if (payload instanceof CheckpointTaken c) {
                return "save    checkpoint " + c.getCheckpointId() + " (" + c.getLabel() + ")";
            }
            if (payload instanceof GenerationCompleted c) {
                return String.format("done    %d files in %.1f s, %d conflicts", c.getFiles().size(),
                        c.getDurationMillis() / 1000.0, c.getConflicts());
            }
            if (payload instanceof GenerationFailed f) {
                return "failed  " + f.getReason();
            }
            return verbose ? event.type() + " " + payload : null;
        }

        void print(KafkaGenerations.Event event) {
            Object payload = event.event().getPayload();
            if (json) {
                out.println("{\"id\":\"" + event.id() + "\",\"type\":\"" + event.type() + "\",\"data\":" + payload + "}");
                return;
            }
            String line = describe(event, payload);
            if (line != null) {
                out.printf("%3.0f%%  %s%n", event.event().getProgress() * 100, line);
            }
        }
    }
}
