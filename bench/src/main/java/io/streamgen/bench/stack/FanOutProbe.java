package io.streamgen.bench.stack;

import io.streamgen.bench.stack.BenchResults.FanOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * How many SSE clients one gateway holds: {@code idle} clients of the firehose while nothing runs
 * (the gateway's memory per open stream), then {@code active} clients of the firehose's drafts
 * while generations run one after another at the agents' steady rate (what fan-out costs it in
 * CPU and delivery latency). The clients are {@link FanOutClients}, from 200 loopback addresses.
 */
final class FanOutProbe {

    private static final String GATEWAY = "gateway";

    private final BenchContext ctx;

    FanOutProbe(BenchContext ctx) {
        this.ctx = ctx;
    }

    FanOut idle(int clients) throws Exception {
        long rssBefore = ctx.stack().rssKb().getOrDefault(GATEWAY, 0L);
        long began = System.nanoTime();
        try (FanOutClients fan = new FanOutClients(null)) {
            fan.open(ctx.stack().gateway(), "/api/stream-generation", clients, 0);
            awaitAnswered(fan, clients, Duration.ofMinutes(3));
            double openSeconds = (System.nanoTime() - began) / 1e9;
            Thread.sleep(5_000); // what holding them costs, after the opening's garbage
            long rssAfter = ctx.stack().rssKb().getOrDefault(GATEWAY, 0L);
            ctx.log("fan-out: %d idle clients: %d connected in %.1f s, %d refused; gateway RSS %d → %d MB", clients,
                    fan.connected(), openSeconds, fan.refused(), rssBefore / 1024, rssAfter / 1024);
            return new FanOut(clients, fan.connected(), fan.refused(), fan.closedByServer(), openSeconds, rssBefore,
                    rssAfter, 0, 0, null, null);
        }
    }

    FanOut active(int clients, double seconds) throws Exception {
        long rssBefore = ctx.stack().rssKb().getOrDefault(GATEWAY, 0L);
        LatencyWindow latencies = new LatencyWindow();
        long began = System.nanoTime();
        try (FanOutClients fan = new FanOutClients(latencies)) {
            fan.open(ctx.stack().gateway(), "/api/stream-generation?types=draft-chunk", clients, 10);
            awaitAnswered(fan, clients, Duration.ofMinutes(3));
            double openSeconds = (System.nanoTime() - began) / 1e9;
            BenchRequest request = BenchRequest.standard(ctx.settings().bufferSize());
            List<SseReader> generations = new ArrayList<>();
            SseReader current = null;
            long warmUpEnds = System.nanoTime() + (long) (ctx.settings().warmUpSeconds() * 1e9);
            long closeAt = warmUpEnds + (long) (seconds * 1e9);
            CpuMeter meter = null;
            CpuMeter.CpuUse cpu;
            long eventsAtOpen = 0;
            long opened = 0;
            try {
                while (System.nanoTime() < closeAt) {
                    if (current == null || current.tally().endType() != null || current.tally().error() != null) {
                        String id = ctx.gateway().newId("fan");
                        current = ctx.connect(List.of(id), null).get(0);
                        generations.add(current);
                        ctx.gateway().submit(id, request);
                    }
                    if (meter == null && System.nanoTime() >= warmUpEnds) {
                        meter = CpuMeter.start(ctx.pids());
                        eventsAtOpen = fan.events();
                        opened = System.nanoTime();
                        latencies.open();
                    }
                    Thread.sleep(20);
                }
                latencies.close();
                cpu = meter == null ? null : meter.stop();
                long events = fan.events() - eventsAtOpen;
                double window = (System.nanoTime() - opened) / 1e9;
                long rssAfter = ctx.stack().rssKb().getOrDefault(GATEWAY, 0L);
                if (cpu == null) {
                    throw new TimeoutException("the fan-out window never opened");
                }
                double perClient = fan.connected() == 0 ? 0 : events / window / fan.connected();
                LatencySummary latency = LatencySummary.of(latencies.histogram());
                ctx.log("fan-out: %d active clients: %d connected, %.1f events/s each (%.0f/s out of the gateway); "
                                + "draft latency p50 %.1f / p99 %.1f ms; gateway %.2f cores, RSS %d MB", clients,
                        fan.connected(), perClient, events / window, latency.p50(), latency.p99(),
                        cpu.cores().getOrDefault(GATEWAY, Double.NaN), rssAfter / 1024);
                return new FanOut(clients, fan.connected(), fan.refused(), fan.closedByServer(), openSeconds, rssBefore,
                        rssAfter, perClient, events / window, latency, cpu.cores());
            } finally {
                generations.forEach(SseReader::close);
            }
        }
    }

    private static void awaitAnswered(FanOutClients fan, int clients, Duration limit) throws InterruptedException {
        Deadline deadline = Deadline.in(limit);
        while (fan.connected() + fan.refused() < clients && !deadline.passed()) {
            Thread.sleep(50);
        }
    }
}
