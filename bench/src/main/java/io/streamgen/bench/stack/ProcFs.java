package io.streamgen.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** What Linux's /proc says about a process and the machine: CPU ticks, resident memory, load. */
final class ProcFs {

    private static volatile double clockTicks;

    private ProcFs() {
    }

    /** utime + stime of a process, in clock ticks; empty when it is gone. */
    static OptionalLong cpuTicks(long pid) {
        try {
            return OptionalLong.of(parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * utime (field 14) + stime (field 15) of a {@code /proc/<pid>/stat} line. The command name
     * (field 2) is in parentheses and may hold spaces, so fields are counted after its last ')'.
     */
    static long parseCpuTicks(String stat) {
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // rest[0] is field 3 (state): field n is rest[n - 3]
        return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
    }

    /** VmRSS of a process in KiB; 0 when it is gone. */
    static long rssKb(long pid) {
        try {
            return parseVmRssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long parseVmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** Busy and total jiffies of the whole machine (the first line of /proc/stat). */
    static long[] machineTicks() {
        try {
            return parseMachineTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** {@code cpu user nice system idle iowait irq softirq steal …}: busy is all but idle and iowait. */
    static long[] parseMachineTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total - idle, total};
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static double loadAverage1m() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** MemTotal in MiB. */
    static long memTotalMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring("MemTotal:".length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return 0;
    }

    /** USER_HZ, the unit of /proc's CPU times (100 on practically every Linux). */
    static double clockTicksPerSecond() {
        if (clockTicks > 0) {
            return clockTicks;
        }
        double hz = 100;
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                hz = Double.parseDouble(new String(getconf.getInputStream().readAllBytes()).trim());
            } else {
                getconf.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            // keep 100
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clockTicks = hz;
        return hz;
    }

    /** Processes of another streamgen stack (an agent, gateway or coordinator jar) not in {@code ours}. */
    static int otherStackProcesses(java.util.Set<Long> ours) {
        int others = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || ours.contains(Long.parseLong(name))) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains("quarkus-run.jar") || cmd.contains("streamgen-coordinator")) {
                        others++;
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return others;
    }
}
