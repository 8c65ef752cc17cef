package io.streamgen.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recording of one running process ({@code jcmd <pid> JFR.start}, the JDK's "default"
 * settings, about 1 % overhead, with an execution sample every 10 ms), dumped when asked, and what
 * {@code jfr print --events jdk.ExecutionSample} shows over a window, summarised: the methods on top
 * of the sampled stacks by how often, and the nearest streamgen method below them. Started well
 * before the window it is read for, so that what starting it costs (classes instrumented for its
 * events, code compiled again) is over by then.
 */
final class JfrProfile {

    private static final String NAME = "streamgen-bench";
    /** A sample's nearest frame in streamgen's own code says which of its steps the time went to. */
    private static final String OWN_CODE = "io.streamgen.";

    private final long pid;

    private JfrProfile(long pid) {
        this.pid = pid;
    }

    static JfrProfile start(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=default", "jdk.ExecutionSample#period=10ms");
        return new JfrProfile(pid);
    }

    /** Writes what was recorded so far to {@code file}; the recording goes on. */
    Path dump(Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.dump", "name=" + NAME, "filename=" + file.toAbsolutePath());
        return file;
    }

    /** Stops recording; quietly, when the process is gone already. */
    void stop() {
        try {
            jcmd(pid, "JFR.stop", "name=" + NAME);
        } catch (IOException e) {
            // the process ended, and its recording with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The {@code top} methods most often on top of a {@code jdk.ExecutionSample} stack between {@code from} and {@code to}. */
    static BenchResults.HotMethods hotMethods(Path recording, Instant from, Instant to, int top, String process,
            String window) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> callers = new HashMap<>();
        long samples = 0;
        try (RecordingFile events = new RecordingFile(recording)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty() || event.getStartTime().isBefore(from)
                        || event.getStartTime().isAfter(to)) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                counts.merge(name(frames.get(0)), 1L, Long::sum);
                frames.stream().filter(f -> f.getMethod().getType().getName().startsWith(OWN_CODE)).findFirst()
                        .ifPresent(f -> callers.merge(name(f), 1L, Long::sum));
            }
        }
        return new BenchResults.HotMethods(process, window, samples, rank(counts, samples, top),
                rank(callers, samples, top), recording.toString());
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static List<BenchResults.HotMethod> rank(Map<String, Long> counts, long samples, int top) {
        List<BenchResults.HotMethod> ranked = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top).forEach(e -> ranked.add(new BenchResults.HotMethod(e.getKey(), e.getValue(),
                        samples == 0 ? 0 : 100.0 * e.getValue() / samples)));
        ranked.sort(Comparator.comparingLong(BenchResults.HotMethod::samples).reversed());
        return ranked;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", command) + " did not answer within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || output.contains("Exception") || output.contains("Could not")) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output.trim());
        }
    }
}
