package io.streamgen.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamgen.bench.stack.BenchResults.Chain;
import io.streamgen.bench.stack.BenchResults.Hop;
import io.streamgen.bench.stack.BenchResults.LatencyLevel;
import io.streamgen.bench.stack.BenchResults.Loss;
import io.streamgen.bench.stack.BenchResults.ThroughputStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's pure logic: /proc parsing, CPU shares, percentiles, the saturation rule, the chain's spread, the reports. */
class BenchReportTest {

    @Test
    void givenAProcStatLineWithSpacesInItsName_whenParsed_thenUtimePlusStime() {
        String stat = "4242 (java thread (x)) S 1 4242 4242 0 -1 4194560 21000 0 3 0 1500 250 0 0 20 0 40 0 12345 "
                + "3000000000 80000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcFs.parseCpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void givenProcStatus_whenParsed_thenVmRssInKib() {
        assertThat(ProcFs.parseVmRssKb("Name:\tjava\nVmPeak:\t 900 kB\nVmRSS:\t  345678 kB\nThreads:\t40\n"))
                .isEqualTo(345678);
        assertThat(ProcFs.parseMachineTicks("cpu  100 5 50 800 45 0 0 0 0 0")).containsExactly(155, 1000);
    }

    @Test
    void givenTickDeltas_whenShared_thenCoresBusy() {
        assertThat(CpuMeter.coresUsed(1_000, 1_300, 100, 2.0)).isCloseTo(1.5, within(1e-9));
        assertThat(CpuMeter.coresUsed(1_000, 1_000, 100, 0)).isZero();
    }

    @Test
    void givenLatenciesOfOneToAThousandMs_whenSummarised_thenPercentilesInMs() {
        Histogram micros = new Histogram(LatencyWindow.HIGHEST_MICROS, 3);
        for (int ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000L);
        }

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, within(1.0));
        assertThat(summary.p90()).isCloseTo(900, within(1.0));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.p999()).isCloseTo(999, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
        assertThat(LatencySummary.of(new Histogram(3)).p50()).isNaN();
    }

    @Test
    void givenAWindow_whenClosed_thenNothingIsRecordedAndNegativesCountAsZero() {
        LatencyWindow window = new LatencyWindow();
        window.record(5_000);
        window.open();
        window.record(7_000);
        window.record(-300);
        window.close();
        window.record(9_000);

        assertThat(window.histogram().getTotalCount()).isEqualTo(2);
        assertThat(window.negative()).isEqualTo(1);
        assertThat(window.histogram().getMinValue()).isZero();
    }

    @Test
    void givenThroughputSteps_whenCompared_thenSaturationIsTheFirstWithinTenPercentOfTheBest() {
        assertThat(BenchSettings.saturation(List.of(1, 5, 10, 20), List.of(1000.0, 3000.0, 3200.0, 3100.0))).isEqualTo(5);
        assertThat(BenchSettings.saturation(List.of(1, 5, 10), List.of(1000.0, 2000.0, 4000.0))).isEqualTo(10);
        assertThat(BenchSettings.saturation(List.of(1, 5), List.of(4000.0, 3900.0))).isEqualTo(1);
    }

    @Test
    void givenTheFirstLevelsRate_whenTheNextIsPlanned_thenEnoughGenerationsInFlightWithinTheLimit() {
        // 35 % of 80 chunks/s at 7 chunks/s a generation: 4; never as few as the level before, never above 8
        assertThat(BenchSettings.inFlightFor(0.35, 80, 7, 1, 8)).isEqualTo(4);
        assertThat(BenchSettings.inFlightFor(0.15, 80, 20, 1, 8)).isEqualTo(2);
        assertThat(BenchSettings.inFlightFor(0.9, 1000, 7, 4, 8)).isEqualTo(8);
    }

    @Test
    void givenAChainLoad_whenTheRelaySpreadsItsOutputs_thenExactlyAsManyAsStreamgenHad() {
        PlainChain.Load load = new PlainChain.Load(7, 300, 17, 900, 3);

        long outputs = 0;
        for (long c = 0; c < load.inputs(); c++) {
            assertThat(load.outputsOf(c)).isBetween(2, 3);
            outputs += load.outputsOf(c);
        }

        assertThat(outputs).isEqualTo(17);
        assertThat(load.scaledTo(70).outputs()).isEqualTo(170);
        assertThat(new PlainChain.Load(10, 1, 4, 1, 1).outputsOf(0)).isZero();
    }

    @Test
    void givenAStepsCpuShares_whenTheBusiestAgentIsAsked_thenTheAgentThatUsedMost() {
        Map<String, Double> cpu = new LinkedHashMap<>(Map.of("coordinator", 0.9, "ui-agent", 0.2, "api-agent", 0.3,
                "logic-agent", Double.NaN));
        ThroughputStep step = new ThroughputStep(1, 1, "", "", 1, 1, 1, 1, 1, 1, 1, cpu, 1, new Hop(1, 1), new Hop(1, 1), Map.of(),
                new Chain(1, 1, 1, 1, null), 1, new Loss(1, 1, 1, 1, 0), 0, null);

        assertThat(BenchRun.busiestAgent(step)).isEqualTo("api-agent");
    }

    @Test
    void givenTopFrameCounts_whenRanked_thenTheMostSampledFirstWithTheirShare() {
        List<BenchResults.HotMethod> top = JfrProfile.rank(Map.of("a.B.c", 50L, "d.E.f", 30L, "g.H.i", 20L), 200, 2);

        assertThat(top).extracting(BenchResults.HotMethod::method).containsExactly("a.B.c", "d.E.f");
        assertThat(top.get(0).percent()).isEqualTo(25.0);
    }

    @Test
    void givenTopicOffsets_whenCompared_thenTheDeltaPerTopic() {
        var p0 = new org.apache.kafka.common.TopicPartition("t", 0);
        var p1 = new org.apache.kafka.common.TopicPartition("t", 1);
        var q0 = new org.apache.kafka.common.TopicPartition("idle", 0);

        assertThat(TopicTraffic.offsetDeltas(Map.of(p0, 10L, p1, 5L, q0, 3L), Map.of(p0, 15L, p1, 25L, q0, 3L)))
                .containsExactly(Map.entry("t", 25L));
    }

    @Test
    void givenResults_whenWritten_thenTheMarkdownHasTheTablesAndTheJsonReadsBackEqual(@TempDir Path dir) throws Exception {
        BenchResults results = sample();

        Path md = JsonReport.write(results, dir, "2026-12-01-vm");

        String markdown = Files.readString(md);
        assertThat(markdown).startsWith("# streamgen bench: 2026-12-01, vm\n")
                .contains("| 5 | 5 | 10.0 | 20,000 | 50,000 | 2,000 | 5,000 | 8,000 | 25.0 % | 100.00 % | 0.40 | 0.80 | 0.50 | 0.20 | 0.10 | 0.00 | 1.95 |")
                .contains("| 15 % of saturation (52 chunks/s) | 1 | 48.0 | 1,440 | 12.0 | 20.0 | 40.0 | 60.0 | 80.0 | 30 | 3.0 |")
                .contains("| 9.0 | 2.00 | 0.00 |")
                .contains("Saturation from N = 5 (the first step within 10 % of the best: 5,000 tokens/s, 1,000 chunks/s)")
                .contains("the SSE clients received 50,000 tokens in 10,000 draft events (100.00 %")
                .contains("p50 150 ms")
                .contains("| 60 entities, agents at 900 tokens/s | 12,345 | 40.0 s | 35 ms | 1.50 s | 12,000 | 345 | 1 | 2 | yes |")
                .contains("| `io.streamgen.coordinator.X.y` | 300 | 15.0 % |")
                .contains("| `org.rocksdb.RocksDB.put` | 400 | 20.0 % |")
                .contains("`LocalStack.up` to all healthy").contains("1,600 MB")
                .contains("| request appended | 3.0 |")
                .contains("(agents at 900 tokens/s, one at a time after a second idle, 10 samples): p50 120 ms")
                .contains("| task visible (committed) | 30.0 |");
        assertThat(JsonReport.read(dir.resolve("2026-12-01-vm.json"))).isEqualTo(results);
    }

    @Test
    void givenFanOutSteps_whenRendered_thenIdleAndFollowingClientsAreRows() {
        assertThat(MarkdownReport.render(sample()))
                .contains("## Fan-out: SSE clients on one gateway")
                .contains("| 10,000 idle | 9,990 | 10 | 0 | 12.5 s |")
                .contains("| 2,000 following drafts | 2,000 | 0 | 0 | 3.0 s | 19.5 | 39,000 | 20.0 | 80.0 | 150.0 | 170 MB → 300 MB | 0.20 |");
    }

    @Test
    void givenStepsStillRisingAtTheLast_whenRendered_thenNoPlateauIsClaimed() {
        BenchResults one = sample();
        ThroughputStep first = one.throughput().get(0);
        ThroughputStep faster = new ThroughputStep(10, 10, first.startedAt(), first.endedAt(), 10.0, 40_000, 20_000,
                100_000, 4_000, 10_000, 2_000, first.cpuCores(), 1.95, first.agentRecords(), first.eventRecords(),
                Map.of(), first.chain(), 0.5, first.loss(), 0, null);
        BenchResults rising = new BenchResults(one.machine(), one.settings(), one.startup(), List.of(first, faster), 10,
                one.postToFirstDraft(), one.firstDraftHopsMs(), one.postToFirstDraftPaced(), one.firstDraftPacedHopsMs(), one.latency(), one.replay(), one.fanOut(), one.hotMethods(), List.of(), 600);

        assertThat(MarkdownReport.render(rising))
                .contains("No plateau within the steps: the most at the last, N = 10 (10,000 tokens/s, 2,000 chunks/s; "
                        + "+100 % on N = 5)")
                .doesNotContain("Saturation from");
    }

    private static BenchResults sample() {
        MachineFacts machine = new MachineFacts("vm.example", "vm", 2, 24000, "OpenJDK 17", "Linux", "2026-12-01",
                "2026-12-01T13:00:00Z", "./streamgen bench", "0.9 1.0 1.1", 0, "1.8 1.5 1.2");
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("kafka", 0.4);
        cpu.put("coordinator", 0.8);
        cpu.put("ui-agent", 0.3);
        cpu.put("api-agent", 0.2);
        cpu.put("gateway", 0.2);
        cpu.put(BenchContext.HARNESS, 0.1);
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("kafka", 400L * 1024);
        rss.put("coordinator", 1200L * 1024);
        ThroughputStep step = new ThroughputStep(5, 5, "2026-12-01T13:01:00Z", "2026-12-01T13:01:10Z", 10.0, 20_000, 10_000, 50_000, 2_000, 5_000, 1_000, cpu, 1.95,
                new Hop(12_000, 3_600_000), new Hop(20_000, 9_000_000), Map.of("streamgen.chunks", 10_010L),
                new Chain(12_000, 20_000, 2.5, 8_000, null), 0.25, new Loss(50_000, 50_000, 10_000, 10_000, 0), 0,
                new LatencySummary(10_000, 150, 300, 600, 800, 900));
        LatencyLevel level = new LatencyLevel(0.15, 52, 1, 16, 30, 48, new LatencySummary(1440, 12, 20, 40, 60, 80), 0, 30,
                new Chain(600, 1000, 20, 50, new LatencySummary(600, 3, 4, 6, 8, 9)), cpu, 0.7);
        return new BenchResults(machine, BenchSettings.fullRun(),
                new BenchResults.Startup(35.2, rss, 1600L * 1024, rss, 1600L * 1024), List.of(step), 5,
                new LatencySummary(10, 300, 400, 450, 450, 450),
                new LinkedHashMap<>(Map.of("request appended", 3.0)), new LatencySummary(10, 120, 150, 160, 160, 160),
                new LinkedHashMap<>(Map.of("task visible (committed)", 30.0)), List.of(level),
                new BenchResults.Replay(60, 900, 12_345, 40, cpu, 12_000, 12_345, 1, 2, 35, 1.5, true),
                List.of(new BenchResults.FanOut(10_000, 9_990, 10, 0, 12.5, 170L * 1024, 600L * 1024, 0, 0, null, null),
                        new BenchResults.FanOut(2_000, 2_000, 0, 0, 3.0, 170L * 1024, 300L * 1024, 19.5, 39_000,
                                new LatencySummary(7_800, 20, 35, 80, 120, 150), cpu)),
                List.of(new BenchResults.HotMethods("coordinator", "a burst", 2000,
                        List.of(new BenchResults.HotMethod("org.rocksdb.RocksDB.put", 400, 20.0)),
                        List.of(new BenchResults.HotMethod("io.streamgen.coordinator.X.y", 300, 15.0)), "x.jfr")),
                List.of("a note"), 600);
    }
}
