package io.streamgen.bench.stack;

import io.streamgen.bench.stack.BenchResults.Chain;
import io.streamgen.bench.stack.BenchResults.Hop;
import io.streamgen.bench.stack.BenchResults.Loss;
import io.streamgen.bench.stack.BenchResults.ThroughputStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * N generations submitted at once (their SSE clients connected first), at rate 0: tokens and
 * events per second at the clients, the CPU each process used, the tokens the agents produced
 * against those the clients received, and the plain chain right after, on the same broker, carrying
 * per generation the same records and bytes (for enough generations to run at a steady rate).
 */
final class ThroughputProbe {

    private final BenchContext ctx;

    ThroughputProbe(BenchContext ctx) {
        this.ctx = ctx;
    }

    ThroughputStep step(int generations) throws Exception {
        BenchRequest request = BenchRequest.standard(ctx.settings().bufferSize());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < generations; i++) {
            ids.add(ctx.gateway().newId("n" + generations));
        }
        LatencyWindow latencies = new LatencyWindow();
        List<SseReader> readers = ctx.connect(ids, latencies);
        List<SseReader.SseTally> tallies;
        CpuMeter.CpuUse cpu;
        long started;
        java.time.Instant startedAt;
        Map<TopicPartition, Long> before;
        try {
            before = ctx.traffic().endOffsets();
            CpuMeter meter = CpuMeter.start(ctx.pids());
            latencies.open();
            started = System.nanoTime();
            startedAt = java.time.Instant.now();
            for (String id : ids) {
                ctx.gateway().submit(id, request);
            }
            Deadline deadline = Deadline.in(Duration.ofSeconds(120 + 10L * generations));
            for (SseReader reader : readers) {
                reader.awaitEnd(deadline);
            }
            cpu = meter.stop();
            latencies.close();
            tallies = readers.stream().map(SseReader::tally).toList();
        } finally {
            readers.forEach(SseReader::close);
        }
        long ended = tallies.stream().mapToLong(SseReader.SseTally::lastEventNanos).max().orElse(started);
        double seconds = (ended - started) / 1e9;
        java.time.Instant endedAt = startedAt.plusNanos(ended - started);
        Thread.sleep(1_000); // the last acknowledgements and transaction markers
        Map<TopicPartition, Long> after = ctx.traffic().endOffsets();
        List<String> topics = new ArrayList<>(TopicTraffic.AGENT_TOPICS);
        topics.add(TopicTraffic.EVENTS);
        TopicTraffic.Traffic traffic = ctx.traffic().read(topics, before, after, new HashSet<>(ids), Duration.ofMinutes(3));

        long events = tallies.stream().mapToLong(SseReader.SseTally::events).sum();
        long drafts = tallies.stream().mapToLong(SseReader.SseTally::drafts).sum();
        long tokens = tallies.stream().mapToLong(SseReader.SseTally::tokens).sum();
        int completed = (int) tallies.stream().filter(SseReader.SseTally::completed).count();
        Hop agents = new Hop(traffic.agents().records(), traffic.agents().bytes());
        Hop eventHop = new Hop(traffic.events().records(), traffic.events().bytes());
        Loss loss = new Loss(traffic.producedTokens(), tokens, traffic.producedChunks(), drafts,
                tallies.stream().mapToLong(SseReader.SseTally::snapshots).sum());
        ctx.log("%d generations: %d completed in %.1f s, %d events, %d tokens at the clients (%.0f tokens/s); "
                        + "agents wrote %d records, events %d; tokens delivered %.2f %%", generations, completed, seconds,
                events, tokens, tokens / seconds, agents.records(), eventHop.records(), loss.deliveredPercent());

        PlainChain.Load measured = new PlainChain.Load(Math.max(1, agents.records()), agents.averageBytes(),
                Math.max(1, eventHop.records()), eventHop.averageBytes(), generations);
        long repeat = Math.max(1, (ctx.settings().chainMinimumInputs() + measured.inputs() - 1) / measured.inputs());
        PlainChain.Load load = new PlainChain.Load(measured.inputs() * repeat, measured.inputBytes(),
                measured.outputs() * repeat, measured.outputBytes(), (int) Math.min(10_000, generations * repeat));
        PlainChain.Result chain = ctx.chain().flatOut(load, Duration.ofMinutes(3));
        double eventsPerSecond = events / seconds;
        ctx.log("chain: %d generations' worth, %d → %d records in %.2f s (%.0f events/s); streamgen at %.1f %% of it",
                load.keys(), chain.inputs(), chain.outputs(), chain.seconds(), chain.outputsPerSecond(), 100 * eventsPerSecond / chain.outputsPerSecond());
        return new ThroughputStep(generations, completed, startedAt.toString(), endedAt.toString(), seconds, events, drafts, tokens, eventsPerSecond,
                tokens / seconds, drafts / seconds, cpu.cores(), cpu.machineBusy(), agents, eventHop, traffic.offsets(),
                new Chain(chain.inputs(), chain.outputs(), chain.seconds(), chain.outputsPerSecond(), null),
                eventsPerSecond / chain.outputsPerSecond(), loss,
                tallies.stream().mapToLong(SseReader.SseTally::lagged).sum(), LatencySummary.of(latencies.histogram()));
    }
}
