package io.streamgen.bench.stack;

import io.streamgen.bench.stack.BenchResults.Chain;
import io.streamgen.bench.stack.BenchResults.LatencyLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;

/**
 * Latency from the agent handing a chunk to its producer ({@code CodeChunk.producedAt}, carried on
 * {@code DraftChunk.producedAt}) to the SSE client reading its event, at a fixed offered load:
 * a number of generations kept in flight (a new one submitted as one ends) with the agents at a
 * steady token rate; beside it the plain chain at the same input rate. And the time from
 * {@code POST /api/generations} to the first draft at the client.
 */
final class LatencyProbe {

    private final BenchContext ctx;

    /** The pause before each POST → first draft sample, so that no other work shares the machine. */
    private static final long SETTLE_MILLIS = 1_000;

    LatencyProbe(BenchContext ctx) {
        this.ctx = ctx;
    }

    /**
     * POST → first {@code draft-chunk} at a client already connected, one generation at a time; and,
     * from {@link HopClock}, the median time from the POST to each hop the first draft crosses.
     */
    FirstDraft postToFirstDraft(int samples) throws Exception {
        Histogram micros = new Histogram(LatencyWindow.HIGHEST_MICROS, 3);
        long slowest = 0;
        List<String> slowestTimeline = List.of();
        Map<String, Histogram> steps = new java.util.LinkedHashMap<>();
        BenchRequest request = BenchRequest.standard(ctx.settings().bufferSize());
        try (HopClock clock = new HopClock(ctx.traffic().admin(), ctx.stack().bootstrapServers())) {
            for (int i = 0; i < samples; i++) {
                String id = ctx.gateway().newId("first");
                SseReader reader = ctx.connect(List.of(id), null).get(0);
                try {
                    Thread.sleep(SETTLE_MILLIS); // "at idle": what the generation before left to do is done
                    clock.watch(id);
                    long posted = System.nanoTime();
                    ctx.gateway().submit(id, request);
                    Deadline first = Deadline.in(Duration.ofSeconds(60));
                    while (reader.tally().firstDraftNanos() == 0) {
                        first.check("no draft of " + id + " within 60 s");
                        Thread.sleep(2);
                    }
                    long draft = reader.tally().firstDraftNanos();
                    micros.recordValue((draft - posted) / 1_000);
                    clock.clientSawDraft(draft);
                    StringBuilder hops = new StringBuilder();
                    clock.times().forEach((step, at) -> {
                        steps.computeIfAbsent(step, s -> new Histogram(LatencyWindow.HIGHEST_MICROS, 3))
                                .recordValue(Math.max(0, at - posted) / 1_000);
                        hops.append(String.format(java.util.Locale.ROOT, " %.0f", (at - posted) / 1e6));
                    });
                    ctx.log("first draft of %s: ms after the POST at each hop:%s", id, hops);
                    reader.awaitEnd(Deadline.in(Duration.ofMinutes(2)));
                    if (draft - posted >= slowest) {
                        slowest = draft - posted;
                        slowestTimeline = clock.timeline();
                    }
                } finally {
                    reader.close();
                }
            }
        }
        LatencySummary summary = LatencySummary.of(micros);
        Map<String, Double> medians = new java.util.LinkedHashMap<>();
        HopClock.STEPS.stream().filter(steps::containsKey)
                .forEach(step -> medians.put(step, steps.get(step).getValueAtPercentile(50) / 1_000.0));
        ctx.log("POST → first draft: p50 %.1f ms, max %.1f ms (%d samples); median from the POST to each hop: %s",
                summary.p50(), summary.max(), samples, medians);
        return new FirstDraft(summary, medians, slowestTimeline);
    }

    /**
     * POST → first draft, the median milliseconds from the POST to each of its hops ({@link HopClock#STEPS}),
     * and the slowest sample's records as {@link HopClock#timeline()} saw them.
     */
    record FirstDraft(LatencySummary latency, Map<String, Double> hopsMs, List<String> slowestTimeline) {
    }

    /** {@code generations} kept in flight, aimed at {@code share} of the saturation rate, {@code target} chunks/s. */
    LatencyLevel level(int generations, double share, double target) throws Exception {
        int bufferSize = ctx.settings().bufferSize();
        BenchRequest request = BenchRequest.standard(bufferSize);
        LatencyWindow latencies = new LatencyWindow();
        List<SseReader> active = new ArrayList<>();
        List<SseReader> all = new ArrayList<>();
        long start = System.nanoTime();
        long openAt = start + (long) (ctx.settings().warmUpSeconds() * 1e9);
        long closeAt = openAt + (long) (ctx.settings().levelSeconds() * 1e9);
        CpuMeter meter = null;
        CpuMeter.CpuUse cpu = null;
        Map<TopicPartition, Long> before = null;
        Map<TopicPartition, Long> after = null;
        long opened = 0;
        long closed = 0;
        try {
            while (System.nanoTime() < closeAt) {
                active.removeIf(r -> r.tally().endType() != null || r.tally().error() != null);
                while (active.size() < generations) {
                    String id = ctx.gateway().newId("l" + generations);
                    SseReader reader = ctx.connect(List.of(id), latencies).get(0);
                    active.add(reader);
                    all.add(reader);
                    ctx.gateway().submit(id, request);
                }
                if (meter == null && System.nanoTime() >= openAt) {
                    before = ctx.traffic().endOffsets();
                    meter = CpuMeter.start(ctx.pids());
                    opened = System.nanoTime();
                    latencies.open();
                }
                Thread.sleep(20);
            }
            latencies.close();
            closed = System.nanoTime();
            cpu = meter == null ? null : meter.stop();
            after = ctx.traffic().endOffsets();
            Deadline drain = Deadline.in(Duration.ofMinutes(3));
            for (SseReader reader : active) {
                reader.awaitEnd(drain);
            }
        } finally {
            all.forEach(SseReader::close);
        }
        if (before == null || cpu == null) {
            throw new TimeoutException("the level's window never opened");
        }
        double window = (closed - opened) / 1e9;
        Histogram histogram = latencies.histogram();
        double achieved = histogram.getTotalCount() / window;
        LatencySummary agentToClient = LatencySummary.of(histogram);

        // the chain at the agents' record rate of the window, in the window's shape
        List<String> topics = new ArrayList<>(TopicTraffic.AGENT_TOPICS);
        topics.add(TopicTraffic.EVENTS);
        TopicTraffic.Traffic traffic = ctx.traffic().read(topics, before, after, new HashSet<>(), Duration.ofMinutes(2));
        double inputRate = traffic.agents().records() / window;
        long inputs = Math.max(1, Math.round(inputRate * ctx.settings().chainLatencySeconds()));
        BenchResults.Hop agents = new BenchResults.Hop(traffic.agents().records(), traffic.agents().bytes());
        BenchResults.Hop events = new BenchResults.Hop(traffic.events().records(), traffic.events().bytes());
        PlainChain.Load load = new PlainChain.Load(Math.max(1, agents.records()), agents.averageBytes(),
                Math.max(1, events.records()), events.averageBytes(), generations).scaledTo(inputs);
        PlainChain.Result chain = ctx.chain().paced(load, inputRate,
                Duration.ofSeconds((long) ctx.settings().chainLatencySeconds() + 120));
        LatencySummary chainLatency = LatencySummary.of(chain.latency());
        ctx.log("level %.0f %% of saturation (%.0f chunks/s): %d in flight: achieved %.1f chunks/s, p50 %.1f / p99 %.1f ms; "
                        + "chain at %.0f records/s: p50 %.1f / p99 %.1f ms", 100 * share, target, generations, achieved,
                agentToClient.p50(), agentToClient.p99(), inputRate, chainLatency.p50(), chainLatency.p99());
        return new LatencyLevel(share, target, generations, bufferSize, window, achieved,
                agentToClient, latencies.negative(), inputRate,
                new Chain(chain.inputs(), chain.outputs(), chain.seconds(), chain.outputsPerSecond(), chainLatency),
                cpu.cores(), cpu.machineBusy());
    }
}
