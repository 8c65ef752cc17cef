package io.streamgen.bench.stack;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** What every probe of a run shares: the stack, the gateway's client, the topics' counter, the chain, the log. */
record BenchContext(BenchStack stack, GatewayClient gateway, TopicTraffic traffic, PlainChain chain,
        BenchSettings settings, PrintStream log) {

    static final String HARNESS = "bench (SSE clients, chain)";

    /** The stack's pids and the harness's own (its SSE clients and the chain run in it). */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>(stack.pids());
        pids.put(HARNESS, ProcessHandle.current().pid());
        return pids;
    }

    void log(String format, Object... args) {
        log.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }

    /** Starts a reader per id and waits until the gateway has subscribed each. */
    List<SseReader> connect(List<String> ids, LatencyWindow latencies) throws InterruptedException, TimeoutException {
        List<SseReader> readers = ids.stream().map(id -> gateway.reader(id, latencies).start()).toList();
        Deadline deadline = Deadline.in(java.time.Duration.ofSeconds(60));
        for (SseReader reader : readers) {
            if (!reader.awaitConnected(deadline)) {
                readers.forEach(SseReader::close);
                throw new TimeoutException("the gateway did not open the stream of " + reader.generationId()
                        + " within 60 s: " + reader.tally().error());
            }
        }
        return readers;
    }
}
