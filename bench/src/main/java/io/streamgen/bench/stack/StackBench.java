package io.streamgen.bench.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./streamgen bench [--quick] [--out DIR]}: drives the real stack (the launcher's broker and
 * every service as processes, on free ports) and writes {@code bench/results/<date>-<host>.md} and
 * {@code .json} ({@code -quick} added for a quick run); {@code --first-draft N} prints only N samples
 * of POST → first draft and where they go; {@code --render FILE.json} writes a results file's Markdown again. See bench/README.md.
 */
public final class StackBench {

    private StackBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int firstDraftOnly = 0;
        double rate = 0;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        usage("--out needs a directory");
                    }
                    out = Path.of(args[++i]);
                }
                case "--first-draft" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]{0,3}")) {
                        usage("--first-draft needs a number of samples (1-9999)");
                    }
                    firstDraftOnly = Integer.parseInt(args[++i]);
                }
                case "--rate" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[0-9]{1,6}(\\.[0-9]+)?")) {
                        usage("--rate needs the agents' tokens per second (0: as fast as they can)");
                    }
                    rate = Double.parseDouble(args[++i]);
                }
                case "--render" -> {
                    if (i + 1 >= args.length) {
                        usage("--render needs a results .json file");
                    }
                    Path json = Path.of(args[++i]);
                    Path md = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
                    Files.writeString(md, MarkdownReport.render(JsonReport.read(json)));
                    System.out.println("written: " + md);
                    return;
                }
                case "-h", "--help" -> {
                    System.out.println("usage: streamgen bench [--quick] [--out DIR] | --first-draft N [--rate TOKENS_PER_S] | --render RESULTS.json");
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        Path project = Path.of(System.getProperty("streamgen.home", ".")).toAbsolutePath().normalize();
        if (!Files.isDirectory(project.resolve("services"))) {
            usage(project + " is not a streamgen checkout (set -Dstreamgen.home)");
        }
        Path resultsDir = out != null ? out : project.resolve("bench/results");
        Path work = project.resolve("bench/target/bench-run");
        String command = "./streamgen bench" + (args.length == 0 ? "" : " " + String.join(" ", List.of(args)));
        BenchSettings settings = quick ? BenchSettings.quickRun() : BenchSettings.fullRun();
        if (firstDraftOnly > 0) {
            LatencyProbe.FirstDraft first = new BenchRun(settings, project, work, command, System.out)
                    .firstDraftOnly(firstDraftOnly, rate);
            System.out.printf("POST → first draft: p50 %.1f ms, p90 %.1f ms, max %.1f ms%n", first.latency().p50(),
                    first.latency().p90(), first.latency().max());
            first.hopsMs().forEach((hop, ms) -> System.out.printf("  %-28s %7.1f ms after the POST%n", hop, ms));
            return;
        }
        BenchResults results = new BenchRun(settings, project, work, command, System.out).run();
        String base = results.machine().date() + "-" + results.machine().shortHost() + (quick ? "-quick" : "");
        Path md = JsonReport.write(results, resultsDir, base);
        System.out.println();
        System.out.print(Files.readString(md));
        System.out.println("written: " + md + " and " + md.resolveSibling(base + ".json"));
    }

    private static void usage(String problem) {
        System.err.println("streamgen bench: " + problem + "\nusage: streamgen bench [--quick] [--out DIR]");
        System.exit(64);
    }
}
