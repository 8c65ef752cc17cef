package io.streamgen.bench.stack;

import io.streamgen.bench.stack.BenchResults.LatencyLevel;
import io.streamgen.bench.stack.BenchResults.ThroughputStep;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One harness run, start to end: the stack up (timed, its memory read), a warm-up, POST → first
 * draft, the throughput steps (each beside the plain chain; the coordinator and the agents recorded
 * with JFR throughout, read for the burst of 40); then the agents restarted at a steady token rate
 * for the latency levels, shares of the saturation chunk rate (each beside the chain at the same
 * rate); then, still at that rate, the replay of a big generation; and everything stopped and
 * removed, whatever happened.
 */
final class BenchRun {

    private final BenchSettings settings;
    private final Path project;
    private final Path work;
    private final String command;
    private final PrintStream log;
    private final List<String> notes = new ArrayList<>();

    BenchRun(BenchSettings settings, Path project, Path work, String command, PrintStream log) {
        this.settings = settings;
        this.project = project;
        this.work = work;
        this.command = command;
        this.log = log;
    }

    BenchResults run() throws Exception {
        long began = System.nanoTime();
        MachineFacts machine = MachineFacts.read(command);
        if (machine.otherStackProcessesAtStart() > 0 || ProcFs.loadAverage1m() >= 1.5) {
            notes.add("the machine was not quiet at the start: load average " + machine.loadAverageAtStart() + ", "
                    + machine.otherStackProcessesAtStart() + " processes of other streamgen stacks");
        }
        List<ThroughputStep> steps = new ArrayList<>();
        List<LatencyLevel> levels = new ArrayList<>();
        BenchResults.Startup startup;
        LatencyProbe.FirstDraft firstDraft;
        LatencyProbe.FirstDraft firstDraftPaced;
        BenchResults.Replay replay;
        List<BenchResults.HotMethods> hot = List.of();
        List<BenchResults.FanOut> fanOut = new ArrayList<>();
        int saturation;
        try (BenchStack stack = BenchStack.of(project, 0, log, work.resolve("logs"))) {
            double up = stack.up();
            Map<String, Long> rss = stack.rssKb();
            log.printf("[bench] stack up in %.1f s, RSS %d MB%n", up, rss.values().stream().mapToLong(Long::longValue).sum() / 1024);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
                 PlainChain chain = new PlainChain(admin, stack.bootstrapServers())) {
                BenchContext ctx = new BenchContext(stack, new GatewayClient(stack.gateway()),
                        new TopicTraffic(admin, stack.bootstrapServers()), chain, settings, log);
                ThroughputProbe throughput = new ThroughputProbe(ctx);
                LatencyProbe latency = new LatencyProbe(ctx);

                Map<String, JfrProfile> recordings = startRecordings(ctx);
                try {
                    ctx.log("warming up: %d generations at once, and the chain", settings.quick() ? 2 : 10);
                    throughput.step(settings.quick() ? 2 : 10);
                    firstDraft = latency.postToFirstDraft(settings.firstDraftSamples());
                    for (int n : settings.steps()) {
                        ThroughputStep step = throughput.step(n);
                        steps.add(step);
                        if (n == settings.profiledStep() && !recordings.isEmpty()) {
                            hot = hotMethods(recordings, step);
                        }
                    }
                } finally {
                    recordings.values().forEach(JfrProfile::stop);
                }
                saturation = BenchSettings.saturation(steps.stream().map(ThroughputStep::generations).toList(),
                        steps.stream().map(ThroughputStep::tokensPerSecond).toList());
                ThroughputStep best = steps.stream().max(java.util.Comparator.comparingDouble(
                        ThroughputStep::draftsPerSecond)).orElseThrow();
                double saturationChunks = best.draftsPerSecond();
                if (steps.size() > 1 && steps.get(steps.size() - 1) == best) {
                    ThroughputStep before = steps.get(steps.size() - 2);
                    double gain = best.tokensPerSecond() / before.tokensPerSecond() - 1;
                    if (gain >= 0.10) {
                        notes.add(String.format(java.util.Locale.ROOT, "throughput was still rising at the last step "
                                + "(N = %d: +%.0f %% on N = %d): no plateau within the steps", best.generations(),
                                100 * gain, before.generations()));
                    }
                }
                ctx.log("restarting the agents at %.0f tokens/s for the latency levels", settings.latencyTokensPerSecond());
                stack.restartAgentsAt(settings.latencyTokensPerSecond());
                latency.postToFirstDraft(1); // warm again after the restart
                firstDraftPaced = latency.postToFirstDraft(settings.firstDraftSamples());
                int inFlight = 0;
                double perGeneration = 0;
                for (double share : settings.levelShares()) {
                    inFlight = levels.isEmpty() ? 1 : BenchSettings.inFlightFor(share, saturationChunks, perGeneration,
                            inFlight, settings.maxInFlight());
                    LatencyLevel level = latency.level(inFlight, share, share * saturationChunks);
                    if (levels.isEmpty()) {
                        perGeneration = level.achievedChunksPerSecond();
                    }
                    levels.add(level);
                }

                // last, as it takes longest; the agents still at the latency part's rate: at rate 0 they would
                // finish minutes before the coordinator has applied their chunks, and the coordinator would
                // issue their tasks again for want of a sign of life within its deadline
                replay = new ReplayProbe(ctx).replay(settings.replayEntities());
                FanOutProbe fan = new FanOutProbe(ctx);
                fanOut.add(fan.idle(settings.fanOutIdle()));
                if (settings.fanOutTokensPerSecond() != settings.latencyTokensPerSecond()) {
                    ctx.log("restarting the agents at %.0f tokens/s for the active fan-out", settings.fanOutTokensPerSecond());
                    stack.restartAgentsAt(settings.fanOutTokensPerSecond());
                }
                fanOut.add(fan.active(settings.fanOutActive(), settings.fanOutSeconds()));
                if (replay.liveEvents() < 10_000 && !settings.quick()) {
                    notes.add("the replayed generation had " + replay.liveEvents() + " events, under 10,000");
                }
                Map<String, Long> rssAfter = stack.rssKb();
                startup = new BenchResults.Startup(up, rss, sum(rss), rssAfter, sum(rssAfter));
                chain.close();
                if (!chain.leftovers().isEmpty()) {
                    notes.add("chain topics left on the broker: " + chain.leftovers());
                }
            }
        }
        return new BenchResults(machine.withLoadAverageAtEnd(ProcFs.loadAverage()), settings, startup, steps, saturation,
                firstDraft.latency(), firstDraft.hopsMs(), firstDraftPaced.latency(), firstDraftPaced.hopsMs(), levels, replay, fanOut, hot, notes, (System.nanoTime() - began) / 1e9);
    }

    /**
     * {@code --first-draft N}: only the stack's start, a short warm-up and N samples of POST → first
     * draft with its hops, printed, with the agents at {@code tokensPerSecond} (0: as fast as they can);
     * for working on that path without a whole run.
     */
    LatencyProbe.FirstDraft firstDraftOnly(int samples, double tokensPerSecond) throws Exception {
        try (BenchStack stack = BenchStack.of(project, 0, log, work.resolve("logs"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            stack.up();
            if (tokensPerSecond > 0) {
                stack.restartAgentsAt(tokensPerSecond);
            }
            try (PlainChain chain = new PlainChain(admin, stack.bootstrapServers())) {
                BenchContext ctx = new BenchContext(stack, new GatewayClient(stack.gateway()),
                        new TopicTraffic(admin, stack.bootstrapServers()), chain, settings, log);
                LatencyProbe latency = new LatencyProbe(ctx);
                latency.postToFirstDraft(3); // warm-up
                LatencyProbe.FirstDraft first = latency.postToFirstDraft(samples);
                log.println("the slowest sample's records, as they were appended:");
                first.slowestTimeline().forEach(line -> log.println("  " + line));
                return first;
            }
        }
    }

    /**
     * JFR recordings of the coordinator and the five agents, started right after start-up (so that
     * what starting them costs is over before any measured step), if a step is to be profiled.
     */
    private Map<String, JfrProfile> startRecordings(BenchContext ctx) throws Exception {
        Map<String, JfrProfile> recordings = new java.util.LinkedHashMap<>();
        if (settings.profiledStep() <= 0 || !settings.steps().contains(settings.profiledStep())) {
            return recordings;
        }
        for (Map.Entry<String, Long> part : ctx.stack().pids().entrySet()) {
            if (part.getKey().equals("coordinator") || part.getKey().endsWith("-agent")) {
                recordings.put(part.getKey(), JfrProfile.start(part.getValue()));
            }
        }
        ctx.log("JFR recording %s (settings=default, samples every 10 ms) for the step of %d", recordings.keySet(), settings.profiledStep());
        return recordings;
    }

    /** The coordinator's and the busiest agent's hot methods during {@code step}. */
    private List<BenchResults.HotMethods> hotMethods(Map<String, JfrProfile> recordings, ThroughputStep step)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve("jfr"));
        java.time.Instant from = java.time.Instant.parse(step.startedAt());
        java.time.Instant to = java.time.Instant.parse(step.endedAt());
        List<BenchResults.HotMethods> hot = new ArrayList<>();
        for (String name : List.of("coordinator", busiestAgent(step))) {
            Path file = recordings.get(name).dump(dir.resolve(name + ".jfr"));
            hot.add(JfrProfile.hotMethods(file, from, to, 5, name, "the burst of " + step.generations()
                    + " generations at rate 0"));
        }
        return hot;
    }

    /** The agent that used the most CPU in a step. */
    static String busiestAgent(ThroughputStep step) {
        return step.cpuCores().entrySet().stream().filter(e -> e.getKey().endsWith("-agent") && !e.getValue().isNaN())
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("ui-agent");
    }

    private static long sum(Map<String, Long> kb) {
        return kb.values().stream().mapToLong(Long::longValue).sum();
    }
}
