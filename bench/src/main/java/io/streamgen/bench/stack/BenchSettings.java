package io.streamgen.bench.stack;

import java.util.List;

/**
 * What a run measures. The full run: 1, 5, 10, 20, 40, 80 generations at once, three offered loads at
 * about 15, 35 and 60 % of the saturation throughput, a replay of a generation of over 10,000 events
 * and JFR recordings of the coordinator and the agents, read for the burst of 40; {@code --quick}: a smoke test of
 * every part at small sizes.
 *
 * @param bufferSize             tokens per chunk (the request's flag; a chunk still ends only where a
 *                               statement does), so that rate 0 streams chunks of a real size
 * @param latencyTokensPerSecond the agents' template rate for the latency part
 * @param levelShares            the offered loads, as shares of the saturation chunk rate; the first is
 *                               one generation in flight whatever its share, and calibrates the others
 * @param maxInFlight            generations in flight at most (an agent streams 8 tasks at once)
 * @param levelSeconds           each latency level's measuring window (after {@code warmUpSeconds})
 * @param chainMinimumInputs     the throughput chain carries at least this many inputs (a step's records
 *                               repeated, per generation the same), so that it measures a steady rate
 *                               and not its clients' start
 * @param profiledStep           the step (generations at once) whose window the JFR recordings of the
 *                               coordinator and the agents are read for; 0: no recording
 * @param fanOutIdle             idle SSE clients opened on the gateway at once
 * @param fanOutActive           SSE clients following drafts while generations run, for {@code fanOutSeconds}
 * @param fanOutTokensPerSecond  the agents' template rate while they do: one generation at a time then
 *                               sends each client about 10 draft events a second at 430 (21 at 900)
 */
record BenchSettings(boolean quick, List<Integer> steps, int bufferSize, double latencyTokensPerSecond,
        List<Double> levelShares, int maxInFlight, double warmUpSeconds, double levelSeconds,
        double chainLatencySeconds, long chainMinimumInputs, int firstDraftSamples, int replayEntities,
        int profiledStep, int fanOutIdle, int fanOutActive, double fanOutSeconds, double fanOutTokensPerSecond) {

    static BenchSettings fullRun() {
        return new BenchSettings(false, List.of(1, 5, 10, 20, 40, 80), 16, 900, List.of(0.15, 0.35, 0.6), 8,
                5, 30, 20, 50_000, 10, 260, 40, 10_000, 2_000, 20, 430);
    }

    static BenchSettings quickRun() {
        return new BenchSettings(true, List.of(1, 4), 16, 900, List.of(0.15), 8, 3, 10, 5, 5_000, 3, 6, 0, 200, 50, 5, 900);
    }

    /** The smallest step whose tokens/s is within 10 % of the best step's: where adding generations stopped paying. */
    static int saturation(List<Integer> generations, List<Double> tokensPerSecond) {
        double best = tokensPerSecond.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (int i = 0; i < generations.size(); i++) {
            if (tokensPerSecond.get(i) >= 0.9 * best) {
                return generations.get(i);
            }
        }
        return generations.get(generations.size() - 1);
    }

    /**
     * Generations to keep in flight for {@code share} of {@code saturation} chunks/s when one
     * generation makes {@code perGeneration}: at least one more than the level before, at most
     * {@code maxInFlight}.
     */
    static int inFlightFor(double share, double saturation, double perGeneration, int previous, int maxInFlight) {
        int wanted = perGeneration <= 0 ? previous + 1 : (int) Math.round(share * saturation / perGeneration);
        return Math.min(maxInFlight, Math.max(previous + 1, wanted));
    }
}
