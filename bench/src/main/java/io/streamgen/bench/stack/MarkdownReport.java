package io.streamgen.bench.stack;

import io.streamgen.bench.stack.BenchResults.LatencyLevel;
import io.streamgen.bench.stack.BenchResults.ThroughputStep;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A run's results as Markdown: the tables the README's "Performance" section quotes. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(BenchResults r) {
        StringBuilder md = new StringBuilder();
        MachineFacts m = r.machine();
        md.append("# streamgen bench: ").append(m.date()).append(", ").append(m.shortHost())
                .append(r.settings().quick() ? " (quick)" : "").append("\n\n");
        md.append("| machine | |\n|---|---|\n");
        row(md, "cores", Integer.toString(m.cores()));
        row(md, "memory", m.memTotalMb() + " MiB");
        row(md, "JDK", m.jdk());
        row(md, "OS", m.os());
        row(md, "started", m.startedAt());
        row(md, "command", "`" + m.command() + "`");
        row(md, "load average at start / end (1, 5, 15 min)", m.loadAverageAtStart() + " / " + m.loadAverageAtEnd());
        row(md, "other streamgen stacks' processes at start", Integer.toString(m.otherStackProcessesAtStart()));
        row(md, "run time", fmt("%.0f s", r.seconds()));
        md.append('\n');

        startup(md, r);
        throughput(md, r);
        latency(md, r);
        replay(md, r);
        fanOut(md, r);
        hotMethods(md, r);
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private static void startup(StringBuilder md, BenchResults r) {
        BenchResults.Startup s = r.startup();
        if (s == null) {
            return;
        }
        md.append("## Start-up\n\n| | |\n|---|---|\n");
        row(md, "`LocalStack.up` to all healthy (broker, topics, coordinator RUNNING, 5 agents, gateway)",
                fmt("%.1f s", s.upSeconds()));
        row(md, "RSS after start-up", mb(s.totalRssKb()) + " (" + perProcess(s.rssKb()) + ")");
        if (s.rssAfterRunKb() != null) {
            row(md, "RSS after the run", mb(s.totalRssAfterRunKb()) + " (" + perProcess(s.rssAfterRunKb()) + ")");
        }
        md.append('\n');
    }

    private static void throughput(StringBuilder md, BenchResults r) {
        if (r.throughput().isEmpty()) {
            return;
        }
        md.append("## Throughput: N generations at once, template model at rate 0, bufferSize ")
                .append(r.settings().bufferSize()).append("\n\n");
        md.append("| N | completed | s | events | tokens | events/s | tokens/s | plain chain events/s | streamgen / chain "
                + "| tokens delivered | CPU cores: kafka | coordinator | 5 agents | gateway | bench | other processes "
                + "| machine busy |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ThroughputStep s : r.throughput()) {
            Map<String, Double> cpu = s.cpuCores();
            md.append(fmt("| %d | %d | %.1f | %,d | %,d | %,.0f | %,.0f | %,.0f | %.1f %% | %.2f %% | %.2f | %.2f | %.2f | %.2f "
                            + "| %.2f | %.2f | %.2f |\n", s.generations(), s.completed(), s.seconds(), s.events(), s.tokens(),
                    s.eventsPerSecond(), s.tokensPerSecond(), s.chain().outputsPerSecond(), 100 * s.ratio(),
                    s.loss().deliveredPercent(), cores(cpu, "kafka"), cores(cpu, "coordinator"), agents(cpu),
                    cores(cpu, "gateway"), cores(cpu, BenchContext.HARNESS), others(cpu, s.machineBusyCores()),
                    s.machineBusyCores()));
        }
        md.append('\n');
        ThroughputStep last = r.throughput().get(r.throughput().size() - 1);
        if (r.saturationGenerations() != null) {
            double best = r.throughput().stream().mapToDouble(ThroughputStep::tokensPerSecond).max().orElse(0);
            double chunks = r.throughput().stream().mapToDouble(ThroughputStep::draftsPerSecond).max().orElse(0);
            List<ThroughputStep> steps = r.throughput();
            double gain = steps.size() < 2 ? 0
                    : last.tokensPerSecond() / steps.get(steps.size() - 2).tokensPerSecond() - 1;
            if (last.tokensPerSecond() >= best && gain >= 0.10) {
                md.append(fmt("No plateau within the steps: the most at the last, N = %d (%,.0f tokens/s, %,.0f chunks/s; "
                        + "+%.0f %% on N = %d).\n\n", last.generations(), best, chunks, 100 * gain,
                        steps.get(steps.size() - 2).generations()));
            } else {
                md.append(fmt("Saturation from N = %d (the first step within 10 %% of the best: %,.0f tokens/s, "
                        + "%,.0f chunks/s).\n\n", r.saturationGenerations(), best, chunks));
            }
        }
        BenchResults.Loss loss = last.loss();
        md.append(fmt("**Loss, under the last (largest) burst, N = %d:** the agents produced %,d tokens in %,d chunks "
                        + "(`streamgen.chunks`, read_committed); the SSE clients received %,d tokens in %,d draft events "
                        + "(%.2f %%; %d coalesced snapshots, %d lagged notices).\n\n", last.generations(),
                loss.producedTokens(), loss.producedChunks(), loss.receivedTokens(), loss.receivedDrafts(),
                loss.deliveredPercent(), loss.snapshots(), last.lagged()));
        double perGeneration = (double) last.agentRecords().records() / last.generations();
        md.append(fmt("Per generation at N = %d: the agents wrote %,.0f records (%,.0f bytes) to chunks/status/bus, the "
                        + "coordinator %,.0f events (%,.0f bytes); the chain carried the same per generation, for %,.0f "
                        + "generations' worth (%,d → %,d records), so that it ran at a steady rate.\n\n",
                last.generations(), perGeneration, (double) last.agentRecords().bytes() / last.generations(),
                (double) last.eventRecords().records() / last.generations(),
                (double) last.eventRecords().bytes() / last.generations(),
                perGeneration == 0 ? 0 : last.chain().inputs() / perGeneration, last.chain().inputs(),
                last.chain().outputs()));
        md.append("CPU (cores) of every process during that step: ").append(perProcessCores(last.cpuCores()))
                .append(".\n\n");
        if (last.draftLatency() != null && last.draftLatency().count() > 0) {
            LatencySummary l = last.draftLatency();
            md.append(fmt("Agent → client latency inside that burst (saturated, not a fixed load): p50 %.0f ms, p99 %.0f "
                    + "ms, max %.0f ms.\n\n", l.p50(), l.p99(), l.max()));
        }
    }

    private static void latency(StringBuilder md, BenchResults r) {
        if (r.latency().isEmpty() && r.postToFirstDraft() == null) {
            return;
        }
        md.append("## Latency: agent hands a chunk to its producer → the SSE client reads its draft event\n\n");
        if (!r.latency().isEmpty()) {
            md.append(fmt("Agents at %.0f tokens/s each, chunks of at least %d tokens (ending where a statement does); "
                    + "both ends on this machine's clock (producedAt has millisecond resolution).\n\n",
                    r.settings().latencyTokensPerSecond(), r.settings().bufferSize()));
            md.append("| aimed at | in flight | achieved chunks/s | draft events | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
                    + "| plain chain records/s | chain p50 | p90 | p99 | p99.9 | max | stack + bench CPU | other processes |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (LatencyLevel l : r.latency()) {
                LatencySummary s = l.agentToClient();
                LatencySummary c = l.chain().latency();
                md.append(fmt("| %.0f %% of saturation (%,.0f chunks/s) | %d | %,.1f | %,d | %.1f | %.1f | %.1f | %.1f | %.1f "
                                + "| %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |\n", 100 * l.targetShare(),
                        l.targetChunksPerSecond(), l.generations(), l.achievedChunksPerSecond(), s.count(), s.p50(),
                        s.p90(), s.p99(), s.p999(), s.max(), l.chainInputsPerSecond(), c.p50(), c.p90(), c.p99(), c.p999(),
                        c.max(), ours(l.cpuCores()), others(l.cpuCores(), l.machineBusyCores())));
            }
            md.append('\n');
        }
        firstDraft(md, "rate 0", r.postToFirstDraft(), r.firstDraftHopsMs());
        firstDraft(md, fmt("agents at %.0f tokens/s", r.settings().latencyTokensPerSecond()), r.postToFirstDraftPaced(),
                r.firstDraftPacedHopsMs());
    }

    private static void firstDraft(StringBuilder md, String agents, LatencySummary f, Map<String, Double> hops) {
        if (f == null) {
            return;
        }
        md.append(fmt("**POST /api/generations → first draft event at the client** (%s, one at a time after a second "
                + "idle, %d samples): p50 %.0f ms, p90 %.0f ms, max %.0f ms.\n\n", agents, f.count(), f.p50(), f.p90(), f.max()));
        if (hops != null && !hops.isEmpty()) {
            md.append("Where it goes (median ms from the POST until the harness's readers saw each hop: `read_uncommitted` "
                    + "for *appended*, `read_committed` for *visible*):\n\n| hop | ms after the POST |\n|---|---:|\n");
            hops.forEach((hop, ms) -> md.append(fmt("| %s | %.1f |\n", hop, ms)));
            md.append('\n');
        }
    }

    private static void replay(StringBuilder md, BenchResults r) {
        BenchResults.Replay p = r.replay();
        if (p == null) {
            return;
        }
        md.append("## Replay of a finished generation to a new SSE client\n\n");
        md.append("| blueprint | events | generated in | first event after | last event after | events received "
                + "| events folded into snapshots | lagged notices | resumed | all accounted for |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        md.append(fmt("| %d entities, agents at %.0f tokens/s | %,d | %.1f s | %.0f ms | %.2f s | %,d | %,d | %d | %d "
                        + "| %s |\n\n", p.entities(), p.tokensPerSecond(), p.liveEvents(), p.generationSeconds(),
                p.firstEventMs(), p.lastEventSeconds(), p.replayEvents(), p.replayStoodFor() - p.replayEvents(),
                p.lagged(), p.resumes(), p.complete() ? "yes" : "no"));
        if (p.generationCpuCores() != null) {
            md.append("CPU (cores) while the big generation ran: ").append(perProcessCores(p.generationCpuCores()))
                    .append(".\n\n");
        }
    }

    private static void fanOut(StringBuilder md, BenchResults r) {
        if (r.fanOut() == null || r.fanOut().isEmpty()) {
            return;
        }
        md.append("## Fan-out: SSE clients on one gateway (from 200 loopback addresses)\n\n");
        md.append(fmt("The clients following drafts read the firehose while generations run one at a time, the agents at "
                + "%.0f tokens/s.\n\n", r.settings().fanOutTokensPerSecond() > 0 ? r.settings().fanOutTokensPerSecond()
                : r.settings().latencyTokensPerSecond())); // results from before the setting: the latency part's rate
        md.append("| clients | connected | refused | closed by the gateway | all open after | events/s per client "
                + "| events/s out | draft latency p50 ms | p99 ms | max ms | gateway RSS before → with them | gateway CPU |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (BenchResults.FanOut f : r.fanOut()) {
            LatencySummary l = f.draftLatency();
            md.append(fmt("| %,d %s | %,d | %,d | %,d | %.1f s | %.1f | %,.0f | %s | %s | %s | %s → %s | %s |\n",
                    f.clients(), l == null ? "idle" : "following drafts", f.connected(), f.refused(),
                    f.closedByServer(), f.openSeconds(), f.eventsPerSecondPerClient(), f.eventsPerSecondOut(),
                    l == null ? "" : fmt("%.1f", l.p50()), l == null ? "" : fmt("%.1f", l.p99()),
                    l == null ? "" : fmt("%.1f", l.max()), mb(f.gatewayRssBeforeKb()), mb(f.gatewayRssKb()),
                    f.cpuCores() == null ? "" : fmt("%.2f", cores(f.cpuCores(), "gateway"))));
        }
        md.append('\n');
    }

    private static void hotMethods(StringBuilder md, BenchResults r) {
        if (r.hotMethods() != null) {
            r.hotMethods().forEach(h -> hotMethods(md, h));
        }
    }

    private static void hotMethods(StringBuilder md, BenchResults.HotMethods h) {
        md.append("## Hot methods of the ").append(h.process()).append(" (JFR, ").append(h.window()).append(", ")
                .append(fmt("%,d", h.samples())).append(" execution samples)\n\n");
        md.append("| top frame | samples | share |\n|---|---:|---:|\n");
        for (BenchResults.HotMethod m : h.top()) {
            md.append(fmt("| `%s` | %,d | %.1f %% |\n", m.method(), m.samples(), m.percent()));
        }
        md.append("\n| nearest streamgen frame | samples | share |\n|---|---:|---:|\n");
        for (BenchResults.HotMethod m : h.ownCallers()) {
            md.append(fmt("| `%s` | %,d | %.1f %% |\n", m.method(), m.samples(), m.percent()));
        }
        md.append('\n');
    }

    private static double cores(Map<String, Double> cpu, String name) {
        Double v = cpu.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Cores the stack and the harness used together. */
    static double ours(Map<String, Double> cpu) {
        return cpu.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum();
    }

    /** Cores the machine was busy with beyond the stack and the harness: another run, a build. */
    static double others(Map<String, Double> cpu, double machineBusy) {
        return Math.max(0, machineBusy - ours(cpu));
    }

    private static double agents(Map<String, Double> cpu) {
        return cpu.entrySet().stream().filter(e -> e.getKey().endsWith("-agent") && !e.getValue().isNaN())
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static String perProcess(Map<String, Long> rssKb) {
        return String.join(", ", rssKb.entrySet().stream().map(e -> e.getKey() + " " + mb(e.getValue())).toList());
    }

    private static String perProcessCores(Map<String, Double> cores) {
        List<String> parts = cores.entrySet().stream().map(e -> fmt("%s %.2f", e.getKey(), e.getValue())).toList();
        return String.join(", ", parts);
    }

    private static String mb(long kb) {
        return fmt("%,d MB", Math.round(kb / 1024.0));
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
