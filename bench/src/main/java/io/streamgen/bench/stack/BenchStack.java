package io.streamgen.bench.stack;

import io.streamgen.cli.ArtifactSnapshot;
import io.streamgen.cli.LocalStack;
import io.streamgen.cli.ServiceProcess;
import io.streamgen.infra.kafka.KafkaBrokerProcess;
import io.streamgen.schema.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The real stack for one harness run: cli's {@link LocalStack} (the launcher's KRaft broker, the
 * coordinator, the five agents, the gateway, each a process) on free ports, from a snapshot of the
 * artifacts, with its state in a temporary directory that {@link #close} removes after stopping
 * every process it started. The gateway's preview runner is off (it would run the generated apps).
 */
final class BenchStack implements AutoCloseable {

    static final String BROKER = "kafka";
    private static final Duration UP = Duration.ofMinutes(5);
    /** The bench is one client driving the gateway as hard as it goes: per-client limits off. */
    private static final Map<String, String> GATEWAY = Map.of("STREAMGEN_PREVIEW_ENABLED", "false",
            "STREAMGEN_GATEWAY_LIMITS_REQUESTS_PER_MINUTE", "0", "STREAMGEN_GATEWAY_LIMITS_STREAMS_PER_CLIENT", "0",
            "STREAMGEN_GATEWAY_LIMITS_GENERATIONS_IN_FLIGHT_PER_CLIENT", "0");

    private final Path state;
    private final Path artifacts;
    private final LocalStack.Ports ports;
    private final PrintStream log;
    private final Path keepLogsIn;
    private LocalStack stack;
    private double tokensPerSecond;

    private BenchStack(Path state, Path artifacts, LocalStack.Ports ports, double tokensPerSecond,
            PrintStream log, Path keepLogsIn) {
        this.state = state;
        this.artifacts = artifacts;
        this.ports = ports;
        this.log = log;
        this.keepLogsIn = keepLogsIn;
        this.tokensPerSecond = tokensPerSecond;
        this.stack = localStack(tokensPerSecond);
    }

    /** A stack (not yet started) of the artifacts built in {@code project}, agents at {@code tokensPerSecond}. */
    static BenchStack of(Path project, double tokensPerSecond, PrintStream log, Path keepLogsIn) throws IOException {
        Path state = Files.createTempDirectory("streamgen-bench");
        try {
            Path artifacts = ArtifactSnapshot.copy(project, state.resolve("artifacts"));
            return new BenchStack(state, artifacts, freePorts(), tokensPerSecond, log, keepLogsIn);
        } catch (IOException | RuntimeException e) {
            ArtifactSnapshot.deleteTree(state);
            throw e;
        }
    }

    private LocalStack localStack(double rate) {
        // every generation of a run asks the same prompt: the response cache would answer all but the
        // first without a model, and the figures would measure the cache, not the pipeline
        return new LocalStack(artifacts, state, ports, rate).withGatewayEnvironment(GATEWAY)
                .withAgentEnvironment(Map.of("STREAMGEN_CACHE_ENABLED", "false"));
    }

    /** Starts everything and waits until all is healthy; the seconds it took. */
    double up() throws IOException, TimeoutException, InterruptedException {
        long t = System.nanoTime();
        stack.up(UP, log);
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * Stops the five agents and starts them again streaming at {@code rate} tokens/s; the broker,
     * coordinator and gateway keep running (and warm).
     */
    void restartAgentsAt(double rate) throws IOException, TimeoutException, InterruptedException {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (ServiceProcess agent : stack.services()) {
            if (agent.name().endsWith("-agent")) {
                stopping.add(CompletableFuture.runAsync(() -> {
                    try {
                        agent.stop();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        tokensPerSecond = rate;
        stack = localStack(rate);
        stack.up(UP, log);
    }

    double tokensPerSecond() {
        return tokensPerSecond;
    }

    URI gateway() {
        return stack.gatewayUrl();
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** The pid of every running part by name: the broker ({@value #BROKER}) and each service. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        KafkaBrokerProcess.runningBroker(stack.brokerNodes().get(0).dataDir()).ifPresent(p -> pids.put(BROKER, p.pid()));
        for (ServiceProcess service : stack.services()) {
            service.running().ifPresent(p -> pids.put(service.name(), p.pid()));
        }
        return pids;
    }

    /** VmRSS per part, in KiB. */
    Map<String, Long> rssKb() {
        Map<String, Long> rss = new LinkedHashMap<>();
        pids().forEach((name, pid) -> rss.put(name, ProcFs.rssKb(pid)));
        return rss;
    }

    long coordinatorPid() {
        Long pid = pids().get("coordinator");
        if (pid == null) {
            throw new IllegalStateException("the coordinator is not running");
        }
        return pid;
    }

    /** Stops every process of the stack, keeps the services' logs and removes the state directory. */
    @Override
    public void close() {
        try {
            stack.down(log);
        } catch (IOException | RuntimeException e) {
            log.println("stopping the stack failed (" + e + "); killing what it started");
            pids().values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        keepLogs();
        List<Path> left = ArtifactSnapshot.deleteTree(state);
        if (!left.isEmpty()) {
            log.println("could not delete " + left.size() + " files under " + state);
        }
    }

    private void keepLogs() {
        Path logs = state.resolve("logs");
        if (keepLogsIn == null || !Files.isDirectory(logs)) {
            return;
        }
        try (var files = Files.list(logs)) {
            Files.createDirectories(keepLogsIn);
            for (Path file : files.toList()) {
                Files.copy(file, keepLogsIn.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Path broker = state.resolve("kafka/logs/broker.log");
            if (Files.exists(broker)) {
                Files.copy(broker, keepLogsIn.resolve("kafka.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.println("could not keep the services' logs: " + e);
        }
    }

    private static LocalStack.Ports freePorts() throws IOException {
        Map<Role, Integer> agents = new EnumMap<>(Role.class);
        for (Role role : List.of(Role.UI, Role.LOGIC, Role.API, Role.OPTIMIZATION, Role.TESTING)) {
            agents.put(role, freePort());
        }
        return new LocalStack.Ports(freePort(), freePort(), freePort(), freePort(), agents);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
