package io.streamgen.coordinator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time per KB of generated code from 100 KB to 10 MB through the engine ({@link TemplateLikeWorkload}):
 * with state per key the cost of a chunk is its file's, not its generation's, so µs/KB stays flat.
 * Prints a Markdown table (size, total time, µs/KB, ratio to the smallest). One warm-up run first.
 *
 * <pre>
 * ./mvnw -q -o -pl services/coordinator test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
 *   -Dexec.mainClass=io.streamgen.coordinator.bench.SizeScalingBench -Dexec.classpathScope=test
 * </pre>
 */
public final class SizeScalingBench {

    static final long KB = 1024;
    static final long[] SIZES = {100 * KB, 300 * KB, 1024 * KB, 3 * 1024 * KB, 10 * 1024 * KB};

    private SizeScalingBench() {
    }

    public static void main(String[] args) {
        TemplateLikeWorkload workload = new TemplateLikeWorkload();
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        workload.run("warm-up", 2 * 1024 * KB);
        List<String> rows = new ArrayList<>();
        double smallest = 0;
        for (long size : SIZES) {
            double best = Double.MAX_VALUE;
            TemplateLikeWorkload.Outcome kept = null;
            // the best of a few runs: the machine is shared, and noise only ever adds time
            for (int i = 0; i < (size >= 3 * 1024 * KB ? 1 : repeats); i++) {
                TemplateLikeWorkload.Outcome outcome = workload.run("bench-" + size + "-" + i, size);
                if (!outcome.completed()) {
                    throw new IllegalStateException("the generation did not complete: " + outcome.failure());
                }
                double perKb = outcome.seconds() * 1e6 / (outcome.codeBytes() / 1024.0);
                if (perKb < best) {
                    best = perKb;
                    kept = outcome;
                }
            }
            if (smallest == 0) {
                smallest = best;
            }
            rows.add(String.format(Locale.ROOT, "| %,d KB | %,d | %,d | %.2f s | %.1f | %.2f | %,d KB |",
                    kept.codeBytes() / 1024, kept.files(), kept.records(), kept.seconds(), best, best / smallest,
                    kept.largestValue() / 1024));
        }
        System.out.println("| code | files | records | total | µs/KB | ratio | largest store value |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }
}
