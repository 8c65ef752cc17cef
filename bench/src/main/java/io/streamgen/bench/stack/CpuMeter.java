package io.streamgen.bench.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used by each process of the stack (and the harness itself) over an interval, from the
 * utime + stime deltas of /proc/<pid>/stat, in cores (1.0 = one core busy the whole interval).
 */
final class CpuMeter {

    private final Map<String, Long> pids;
    private final Map<String, Long> ticksBefore = new LinkedHashMap<>();
    private final long[] machineBefore;
    private final long startNanos;

    private CpuMeter(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        pids.forEach((name, pid) -> ticksBefore.put(name, ProcFs.cpuTicks(pid).orElse(-1)));
        this.machineBefore = ProcFs.machineTicks();
        this.startNanos = System.nanoTime();
    }

    static CpuMeter start(Map<String, Long> pids) {
        return new CpuMeter(pids);
    }

    /** Cores used per process since {@link #start}, in the order given; {@code machine} is every process's. */
    CpuUse stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double hz = ProcFs.clockTicksPerSecond();
        Map<String, Double> cores = new LinkedHashMap<>();
        ticksBefore.forEach((name, before) -> {
            long after = ProcFs.cpuTicks(pids.get(name)).orElse(-1);
            cores.put(name, before < 0 || after < 0 ? Double.NaN : coresUsed(before, after, hz, seconds));
        });
        long[] machineAfter = ProcFs.machineTicks();
        long totalDelta = machineAfter[1] - machineBefore[1];
        double machineBusy = totalDelta <= 0 ? Double.NaN
                : (double) (machineAfter[0] - machineBefore[0]) / totalDelta * Runtime.getRuntime().availableProcessors();
        return new CpuUse(seconds, cores, machineBusy);
    }

    static double coresUsed(long ticksBefore, long ticksAfter, double ticksPerSecond, double seconds) {
        return seconds <= 0 ? 0 : (ticksAfter - ticksBefore) / ticksPerSecond / seconds;
    }

    /**
     * @param cores       per process, cores busy on average
     * @param machineBusy cores busy on average on the whole machine (other processes included)
     */
    record CpuUse(double seconds, Map<String, Double> cores, double machineBusy) {

        double total() {
            return cores.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum();
        }
    }
}
