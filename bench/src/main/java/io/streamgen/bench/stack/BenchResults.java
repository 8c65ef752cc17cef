package io.streamgen.bench.stack;

import java.util.List;
import java.util.Map;

/**
 * Everything one harness run measured; written as JSON as it is and as Markdown by
 * {@link MarkdownReport}. Times in seconds or milliseconds as each name says, memory in KiB, CPU in
 * cores (1.0 = one core busy for the whole interval). {@code firstDraftHopsMs}: the median milliseconds
 * from the POST to each hop of the first draft ({@link HopClock}); {@code …Paced}: the same with the
 * agents at the latency part's token rate. Null in results from before them.
 */
record BenchResults(MachineFacts machine, BenchSettings settings, Startup startup, List<ThroughputStep> throughput,
        Integer saturationGenerations, LatencySummary postToFirstDraft, Map<String, Double> firstDraftHopsMs,
        LatencySummary postToFirstDraftPaced, Map<String, Double> firstDraftPacedHopsMs, List<LatencyLevel> latency, Replay replay,
        List<FanOut> fanOut, List<HotMethods> hotMethods, List<String> notes, double seconds) {

    /**
     * SSE clients held by one gateway: idle ({@code eventsPerSecondPerClient} 0) or following drafts.
     *
     * @param openSeconds   from the first connect to every client answered
     * @param gatewayRssKb  the gateway's VmRSS before the clients and with them all open
     * @param draftLatency  from the agent's {@code producedAt} to the client, sampled on every tenth client
     */
    record FanOut(int clients, long connected, long refused, long closedByServer, double openSeconds,
            long gatewayRssBeforeKb, long gatewayRssKb, double eventsPerSecondPerClient, double eventsPerSecondOut,
            LatencySummary draftLatency, Map<String, Double> cpuCores) {
    }

    /** {@code LocalStack.up} to healthy, and what the stack's processes hold in memory. */
    record Startup(double upSeconds, Map<String, Long> rssKb, long totalRssKb, Map<String, Long> rssAfterRunKb,
            long totalRssAfterRunKb) {
    }

    /** Records and bytes one hop carried. */
    record Hop(long records, long bytes) {

        int averageBytes() {
            return records == 0 ? 0 : (int) Math.round((double) bytes / records);
        }
    }

    /** The plain chain's run beside a streamgen measurement. */
    record Chain(long inputs, long outputs, double seconds, double outputsPerSecond, LatencySummary latency) {
    }

    /** Tokens and chunks the agents produced against what the SSE clients received. */
    record Loss(long producedTokens, long receivedTokens, long producedChunks, long receivedDrafts, long snapshots) {

        double deliveredPercent() {
            return producedTokens == 0 ? Double.NaN : 100.0 * receivedTokens / producedTokens;
        }
    }

    /**
     * N generations at once, at rate 0, from the first POST ({@code startedAt}) to the last end event
     * at its client ({@code endedAt}).
     */
    record ThroughputStep(int generations, int completed, String startedAt, String endedAt, double seconds, long events, long drafts, long tokens,
            double eventsPerSecond, double tokensPerSecond, double draftsPerSecond, Map<String, Double> cpuCores,
            double machineBusyCores, Hop agentRecords, Hop eventRecords, Map<String, Long> offsets, Chain chain,
            double ratio, Loss loss, long lagged, LatencySummary draftLatency) {
    }

    /**
     * A fixed offered load: {@code generations} kept in flight, chunks of {@code bufferSize} tokens,
     * aimed at {@code targetShare} of the saturation chunk rate ({@code targetChunksPerSecond}).
     */
    record LatencyLevel(double targetShare, double targetChunksPerSecond, int generations, int bufferSize,
            double windowSeconds,
            double achievedChunksPerSecond, LatencySummary agentToClient, long negativeLatencies,
            double chainInputsPerSecond, Chain chain, Map<String, Double> cpuCores, double machineBusyCores) {
    }

    /**
     * A big generation, and then read again from its first event by a new SSE client.
     *
     * @param generationCpuCores per process, while the generation ran (live, one client following it)
     * @param replayStoodFor     the topic's events the replayed ones stand for (coalesced snapshots for several)
     * @param complete           the replay ended with the end event and stood for every live event
     */
    record Replay(int entities, double tokensPerSecond, long liveEvents, double generationSeconds,
            Map<String, Double> generationCpuCores,
            long replayEvents, long replayStoodFor, long lagged, int resumes, double firstEventMs,
            double lastEventSeconds, boolean complete) {
    }

    /**
     * A JFR recording's execution samples: the methods most often on top ({@code top}), and the
     * streamgen methods nearest the top most often ({@code ownCallers}: which of its steps the time went to).
     */
    record HotMethods(String process, String window, long samples, List<HotMethod> top, List<HotMethod> ownCallers,
            String recording) {
    }

    record HotMethod(String method, long samples, double percent) {
    }
}
