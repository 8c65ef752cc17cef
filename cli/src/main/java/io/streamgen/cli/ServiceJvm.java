package io.streamgen.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a service the local stack starts: one definition of its JVM's flags.
 * Eight JVMs share a few cores here, so each gets a small, bounded heap that starts small
 * ({@code -Xms16m}: the heap grows with need instead of a sixty-fourth of the machine's memory up
 * front) and the serial collector (no concurrent GC threads, no region tables: less memory and
 * less CPU per JVM on a machine this size).
 *
 * <p>On a machine of at most {@value #FEW_CORES} cores the agents compile with C1 only
 * ({@code -XX:TieredStopAtLevel=1}). Their code is broad and little of it hot, and with every
 * service's JIT competing for two cores, C2 still took about 0.3 cores in the five agents after
 * 200 generations: more than its faster code saved. The coordinator and the gateway keep C2: their
 * hot paths (fan-out to thousands of clients, replay, hashing files) ran up to three times slower
 * without it. See the README's Performance.
 *
 * <p>{@value #OPTIONS_ENV} adds or overrides flags for every service (later flags win, so
 * {@code -XX:TieredStopAtLevel=4} brings C2 back to the agents; a collector given, for example
 * {@code -XX:+UseG1GC} on a machine with cores to spare, replaces the serial one).
 */
public final class ServiceJvm {

    public static final String OPTIONS_ENV = "STREAMGEN_SERVICE_JVM_OPTIONS";
    /** Up to this many cores the agents' JIT stops at C1. */
    static final int FEW_CORES = 4;

    /** What a service's JIT is for. */
    public enum Code {
        /** Broad code, little of it hot (the agents): C1 only on a machine of few cores. */
        BROAD,
        /** Hot paths that need C2's code (the coordinator, the gateway). */
        HOT
    }

    private ServiceJvm() {
    }

    /**
     * {@code java} flags {@code -jar jar} for a machine of this JVM's cores; {@code extra}
     * (space-separated, may be null) goes after the defaults.
     */
    public static List<String> command(String java, String maxHeap, Path jar, Code code, String extra) {
        return command(java, maxHeap, jar, code, extra, Runtime.getRuntime().availableProcessors());
    }

    static List<String> command(String java, String maxHeap, Path jar, Code code, String extra, int cores) {
        List<String> more = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-Xms16m"));
        if (more.stream().noneMatch(flag -> flag.matches("-XX:\\+Use\\w+GC"))) {
            command.add("-XX:+UseSerialGC"); // the JVM refuses two collectors: one given replaces this
        }
        if (code == Code.BROAD && cores <= FEW_CORES) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(more);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    static List<String> command(String java, String maxHeap, Path jar, Code code) {
        return command(java, maxHeap, jar, code, System.getenv(OPTIONS_ENV));
    }
}
