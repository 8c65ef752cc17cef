package io.streamgen.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a service the local stack starts: one definition of its JVM's flags.
 * Eight JVMs share a few cores here, so each gets a small, bounded heap that starts small
 * ({@code -Xms16m}: the heap grows with need instead of a sixty-fourth of the machine's memory up
 * front) and the serial collector (no concurrent GC threads, no region tables: less memory and
 * less CPU per JVM on a machine this size). {@value #OPTIONS_ENV} adds or overrides flags for
 * every service (later flags win; a collector given, for example {@code -XX:+UseG1GC} on a machine
 * with cores to spare, replaces the serial one).
 */
public final class ServiceJvm {

    public static final String OPTIONS_ENV = "STREAMGEN_SERVICE_JVM_OPTIONS";

    private ServiceJvm() {
    }

    /** {@code java} flags {@code -jar jar}; {@code extra} (space-separated, may be null) goes after the defaults. */
    public static List<String> command(String java, String maxHeap, Path jar, String extra) {
        List<String> more = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-Xms16m"));
        if (more.stream().noneMatch(flag -> flag.matches("-XX:\\+Use\\w+GC"))) {
            command.add("-XX:+UseSerialGC"); // the JVM refuses two collectors: one given replaces this
        }
        command.addAll(more);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    static List<String> command(String java, String maxHeap, Path jar) {
        return command(java, maxHeap, jar, System.getenv(OPTIONS_ENV));
    }
}
