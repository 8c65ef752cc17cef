package io.streamgen.cli;

import io.streamgen.infra.kafka.BrokerSettings;
import io.streamgen.infra.kafka.KafkaBrokerProcess;
import io.streamgen.infra.kafka.TopicProvisioner;
import io.streamgen.schema.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole local stack without Docker: the KRaft broker (Apache Kafka's own server from its Maven
 * artifacts), the coordinator, the five agents and, once built, the gateway, each its own process,
 * with state, logs and pids under one directory ({@code .streamgen/} by default).
 */
public final class LocalStack {

    /** Where each part listens. */
    public record Ports(int kafka, int controller, int coordinator, int gateway, Map<Role, Integer> agents) {
        public static Ports defaults() {
            Map<Role, Integer> agents = new EnumMap<>(Role.class);
            Role[] roles = {Role.UI, Role.LOGIC, Role.API, Role.OPTIMIZATION, Role.TESTING};
            for (int i = 0; i < roles.length; i++) {
                agents.put(roles[i], 8091 + i);
            }
            return new Ports(9092, 9093, 8081, 8080, agents);
        }
    }

    private final Path projectRoot;
    private final Path stateDir;
    private final Ports ports;
    private final double tokensPerSecond;
    private final Map<String, String> agentEnvironment;
    private final Map<String, String> coordinatorEnvironment;

    /** @param tokensPerSecond the offline model's rate; negative keeps each agent's default */
    public LocalStack(Path projectRoot, Path stateDir, Ports ports, double tokensPerSecond) {
        this(projectRoot, stateDir, ports, tokensPerSecond, Map.of(), Map.of());
    }

    private LocalStack(Path projectRoot, Path stateDir, Ports ports, double tokensPerSecond,
                       Map<String, String> agentEnvironment, Map<String, String> coordinatorEnvironment) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.ports = ports;
        this.tokensPerSecond = tokensPerSecond;
        this.agentEnvironment = Map.copyOf(agentEnvironment);
        this.coordinatorEnvironment = Map.copyOf(coordinatorEnvironment);
    }

    /** This stack with more environment for every agent (e.g. a model provider and its endpoint). */
    public LocalStack withAgentEnvironment(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(agentEnvironment);
        merged.putAll(environment);
        return new LocalStack(projectRoot, stateDir, ports, tokensPerSecond, merged, coordinatorEnvironment);
    }

    /**
     * This stack with more environment for the coordinator (e.g. {@code STREAMGEN_COORDINATOR_TASK_DEADLINE}
     * for a test that wants silent tasks re-issued within seconds).
     */
    public LocalStack withCoordinatorEnvironment(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(coordinatorEnvironment);
        merged.putAll(environment);
        return new LocalStack(projectRoot, stateDir, ports, tokensPerSecond, agentEnvironment, merged);
    }

    public String bootstrapServers() {
        return "localhost:" + ports.kafka();
    }

    public URI coordinatorUrl() {
        return URI.create("http://localhost:" + ports.coordinator());
    }

    public URI gatewayUrl() {
        return URI.create("http://localhost:" + ports.gateway());
    }

    BrokerSettings brokerSettings() {
        return BrokerSettings.defaults(stateDir.resolve("kafka")).withPorts(ports.kafka(), ports.controller())
                .withStartTimeout(Duration.ofSeconds(90));
    }

    /** The services this checkout has built, in start order. */
    public List<ServiceProcess> services() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<ServiceProcess> services = new ArrayList<>();
        Map<String, String> coordinatorEnv = new LinkedHashMap<>(Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "COORDINATOR_PORT", Integer.toString(ports.coordinator()),
                "SPRING_KAFKA_STREAMS_STATEDIR", stateDir.resolve("coordinator-state").toString()));
        coordinatorEnv.putAll(coordinatorEnvironment);
        services.add(new ServiceProcess("coordinator", List.of(java, "-Xmx384m", "-jar",
                jar("services/coordinator/target", "streamgen-coordinator-").toString()), coordinatorEnv,
                URI.create(coordinatorUrl() + "/actuator/health"), stateDir));
        for (Map.Entry<Role, Integer> agent : ports.agents().entrySet()) {
            String role = agent.getKey().name().toLowerCase(Locale.ROOT);
            Map<String, String> env = new LinkedHashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                    "QUARKUS_HTTP_PORT", Integer.toString(agent.getValue())));
            if (tokensPerSecond >= 0) {
                env.put("STREAMGEN_LLM_TEMPLATE_TOKENS_PER_SECOND", Double.toString(tokensPerSecond));
            }
            env.putAll(agentEnvironment);
            services.add(new ServiceProcess(role + "-agent", List.of(java, "-Xmx256m", "-jar",
                    projectRoot.resolve("services/" + role + "-agent/target/quarkus-app/quarkus-run.jar").toString()),
                    env, URI.create("http://localhost:" + agent.getValue() + "/q/health/ready"), stateDir));
        }
        Path gateway = projectRoot.resolve("services/gateway/target/quarkus-app/quarkus-run.jar");
        if (Files.exists(gateway)) {
            services.add(new ServiceProcess("gateway", List.of(java, "-Xmx384m", "-jar", gateway.toString()),
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(), "QUARKUS_HTTP_PORT", Integer.toString(ports.gateway()),
                            "STREAMGEN_COORDINATOR_URL", coordinatorUrl().toString()),
                    URI.create(gatewayUrl() + "/q/health/ready"), stateDir));
        }
        return services;
    }

    /** Starts what is not running and waits until everything is healthy; idempotent. */
    public void up(Duration timeout, PrintStream out) throws IOException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(brokerSettings());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            out.println("kafka        " + bootstrapServers() + "  (pid " + broker.pid() + "), topics: "
                    + new TopicProvisioner(admin, Duration.ofSeconds(30)).provisionCatalogue());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot create the topics: " + e.getMessage(), e);
        }
        List<ServiceProcess> services = services();
        for (ServiceProcess service : services) {
            missingArtifact(service);
            service.start();
        }
        for (ServiceProcess service : services) {
            while (!service.healthy()) {
                if (service.running().isEmpty()) {
                    throw new IOException(service.name() + " exited during start-up; see " + service.logFile());
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(service.name() + " not healthy within " + timeout + "; see " + service.logFile());
                }
                Thread.sleep(250);
            }
            out.printf("%-12s %s  (pid %d)%n", service.name(), service.health().resolve("/"),
                    service.running().map(ProcessHandle::pid).orElse(-1L));
        }
    }

    /**
     * Stops exactly the processes this stack started: the services all at once (each takes some
     * seconds to close its consumers gracefully), then the broker.
     */
    public void down(PrintStream out) throws IOException {
        List<ServiceProcess> services = services();
        List<java.util.concurrent.CompletableFuture<Boolean>> stopping = services.stream()
                .map(service -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return service.stop();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, runnable -> new Thread(runnable, "stop-" + service.name()).start()))
                .toList();
        for (int i = 0; i < services.size(); i++) {
            try {
                if (stopping.get(i).join()) {
                    out.println("stopped " + services.get(i).name());
                }
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof java.io.UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
            }
        }
        if (KafkaBrokerProcess.stop(brokerSettings().dataDir())) {
            out.println("stopped kafka");
        }
    }

    /**
     * Stops the broker alone (SIGTERM, Kafka's controlled shutdown), leaving the services running
     * and its data directory in place; {@link #up} starts it again on the same data and ports.
     * True when it was running.
     */
    public boolean stopBroker() {
        return KafkaBrokerProcess.stop(brokerSettings().dataDir());
    }

    /** Each part and whether it is up. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("kafka", KafkaBrokerProcess.runningBroker(brokerSettings().dataDir()).isPresent()
                ? "running on " + bootstrapServers() : "stopped");
        for (ServiceProcess service : services()) {
            status.put(service.name(), service.running().isEmpty() ? "stopped"
                    : service.healthy() ? "healthy at " + service.health().resolve("/") : "starting or unhealthy");
        }
        return status;
    }

    private void missingArtifact(ServiceProcess service) throws IOException {
        Path jar = Path.of(service.command().get(service.command().size() - 1));
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is not built: run ./mvnw -q install -DskipTests");
        }
    }

    /** The executable jar a module built (its version is the build's, not ours to spell). */
    private Path jar(String directory, String prefix) {
        Path dir = projectRoot.resolve(directory);
        Path fallback = dir.resolve(prefix + "0.1.0-SNAPSHOT.jar");
        if (!Files.isDirectory(dir)) {
            return fallback;
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".jar")
                    && !f.toString().endsWith("-plain.jar") && !f.toString().endsWith("-tests.jar"))
                    .findFirst().orElse(fallback);
        } catch (IOException e) {
            return fallback;
        }
    }
}
