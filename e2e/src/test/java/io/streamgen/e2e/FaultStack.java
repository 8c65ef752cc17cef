package io.streamgen.e2e;

import io.streamgen.cli.LocalStack;
import io.streamgen.cli.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack with the faults a harness does to it, each to exactly the process the stack
 * started (by its pid): {@code kill -9} and start again, {@code kill -STOP} / {@code kill -CONT},
 * and the broker stopped and started on the same data directory and ports.
 */
final class FaultStack {

    static final String COORDINATOR = "coordinator";
    static final String GATEWAY = "gateway";
    static final String BROKER = "kafka";

    private final LocalStack stack;
    private final Path state;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    FaultStack(LocalStack stack, Path state) {
        this.stack = stack;
        this.state = state;
        for (ServiceProcess service : stack.services()) {
            services.put(service.name(), service);
        }
    }

    LocalStack stack() {
        return stack;
    }

    List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /** Starts whatever is not running (the broker included) and waits until all is healthy. */
    void up(Duration timeout) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        stack.up(timeout, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** {@code kill -9} of the service's process, then at once a new one (not waited for: see {@link #awaitHealthy}). */
    long killAndRestart(String name) throws IOException, InterruptedException {
        ServiceProcess service = service(name);
        ProcessHandle process = service.running().orElseThrow(() -> new IllegalStateException(name + " is not running"));
        long pid = process.pid();
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " (pid " + pid + ") survived kill -9", e);
        }
        service.start();
        return pid;
    }

    /** {@code kill -STOP}: the process is frozen, its sockets open, as a hung JVM. */
    long pause(String name) throws IOException, InterruptedException {
        return signal(name, "STOP");
    }

    /** {@code kill -CONT}. */
    long resume(String name) throws IOException, InterruptedException {
        return signal(name, "CONT");
    }

    private long signal(String name, String signal) throws IOException, InterruptedException {
        long pid = service(name).running().orElseThrow(() -> new IllegalStateException(name + " is not running")).pid();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return pid;
    }

    /** The broker stopped (controlled shutdown), {@code down} for {@code downtime}, then started on the same data and ports. */
    void restartBroker(Duration downtime, Duration timeout) throws Exception {
        if (!stack.stopBroker()) {
            throw new IllegalStateException("the broker was not running");
        }
        Thread.sleep(downtime.toMillis());
        up(timeout);
    }

    /** The pid of each running service. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, service) -> service.running().ifPresent(p -> pids.put(name, p.pid())));
        return pids;
    }

    /** {@code jstack} of the service into the logs directory (for a diagnosis); returns the file. */
    Path threadDump(String name) {
        Path out = state.resolve("logs").resolve(name + "-threads-" + System.currentTimeMillis() + ".txt");
        try {
            long pid = service(name).running().orElseThrow().pid();
            String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
            Process dump = new ProcessBuilder(jstack, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            dump.waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Path.of("(no thread dump: " + e + ")");
        }
        return out;
    }

    boolean healthy(String name) {
        return service(name).healthy();
    }

    /** Waits until the service answers its health check, starting it again should it have exited. */
    void awaitHealthy(String name, Duration timeout) throws IOException, InterruptedException {
        ServiceProcess service = service(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!service.healthy()) {
            if (service.running().isEmpty()) {
                throw new IllegalStateException(name + " exited; see " + log(name) + ":\n" + tail(name, 30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + log(name) + ":\n"
                        + tail(name, 30));
            }
            Thread.sleep(200);
        }
    }

    void awaitAllHealthy(Duration timeout) throws IOException, InterruptedException {
        for (String name : services.keySet()) {
            awaitHealthy(name, timeout);
        }
    }

    Path log(String name) {
        return state.resolve("logs").resolve(name + ".log");
    }

    String tail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(log(name), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in " + services.keySet());
        }
        return service;
    }

    /** Makes sure nothing is left frozen, then stops everything this stack started. */
    void down() {
        for (String name : services.keySet()) {
            try {
                if (service(name).running().isPresent()) {
                    resume(name);
                }
            } catch (Exception ignored) {
                // it is being stopped anyway
            }
        }
        try {
            stack.down(System.out);
        } catch (Exception e) {
            System.out.println("stopping the stack: " + e);
        }
    }
}
