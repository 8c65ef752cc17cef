package io.streamgen.bench.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/** The machine a run measured on, and how busy it was when the run began. */
record MachineFacts(String host, String shortHost, int cores, long memTotalMb, String jdk, String os, String date,
        String startedAt, String command, String loadAverageAtStart, int otherStackProcessesAtStart,
        String loadAverageAtEnd) {

    static MachineFacts read(String command) {
        String host = hostName();
        int dot = host.indexOf('.');
        return new MachineFacts(host, dot > 0 ? host.substring(0, dot) : host, Runtime.getRuntime().availableProcessors(),
                ProcFs.memTotalMb(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                LocalDate.now().toString(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                command, ProcFs.loadAverage(), ProcFs.otherStackProcesses(Set.of()), null);
    }

    MachineFacts withLoadAverageAtEnd(String load) {
        return new MachineFacts(host, shortHost, cores, memTotalMb, jdk, os, date, startedAt, command, loadAverageAtStart,
                otherStackProcessesAtStart, load);
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }
}
