package io.streamgen.cli;

import io.streamgen.infra.kafka.BrokerConfig;
import io.streamgen.infra.kafka.BrokerSettings;
import io.streamgen.infra.kafka.KafkaBrokerProcess;
import io.streamgen.infra.kafka.KafkaCluster;
import io.streamgen.infra.kafka.KafkaSecurity;
import io.streamgen.infra.kafka.ServiceAcls;
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
 * with state, logs and pids under one directory ({@code .streamgen/} by default). Scaled out
 * ({@link #withScale}), the broker is a KRaft cluster of several nodes and every service runs as
 * several instances, still one process each, on one machine. Locked down ({@link #withSecurity}),
 * the broker takes SASL/SCRAM logins only and refuses whatever {@link ServiceAcls} does not allow;
 * every service logs in as its own principal, with a password from {@link #credentialsFile()}.
 */
public final class LocalStack {

    /** Where each part listens (one slot: one broker node, one instance of every service). */
    public record Ports(int kafka, int controller, int coordinator, int gateway, Map<Role, Integer> agents) {
        public static Ports defaults() {
            Map<Role, Integer> agents = new EnumMap<>(Role.class);
            Role[] roles = {Role.UI, Role.LOGIC, Role.API, Role.OPTIMIZATION, Role.TESTING};
            for (int i = 0; i < roles.length; i++) {
                agents.put(roles[i], 8091 + i);
            }
            return new Ports(9092, 9093, 8081, 8080, agents);
        }

        /** Every port moved by {@code offset}: slot k of a scaled-out stack listens at the defaults + 100·k. */
        public Ports shifted(int offset) {
            Map<Role, Integer> moved = new EnumMap<>(Role.class);
            agents.forEach((role, port) -> moved.put(role, port + offset));
            return new Ports(kafka + offset, controller + offset, coordinator + offset, gateway + offset, moved);
        }
    }

    /** How many broker nodes form the KRaft cluster, and how many instances of every service run. */
    public record Scale(int brokers, int instances) {
        public static final Scale SINGLE = new Scale(1, 1);
        private static final String FILE = "scale.properties";

        public Scale {
            if (brokers < 1 || instances < 1) {
                throw new IllegalArgumentException("brokers and instances must be at least 1: " + brokers + ", " + instances);
            }
            if (brokers == 2) {
                // two voters lose their quorum with either node: no safer than one, and slower
                throw new IllegalArgumentException("a KRaft cluster of 2 nodes cannot lose either; use 1 or 3 or more");
            }
        }

        int slots() {
            return Math.max(brokers, instances);
        }

        /** The scale the stack in {@code stateDir} was started with, if it was. */
        public static java.util.Optional<Scale> recorded(Path stateDir) {
            Path file = stateDir.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                return java.util.Optional.empty();
            }
            java.util.Properties props = new java.util.Properties();
            try (var in = Files.newBufferedReader(file)) {
                props.load(in);
                return java.util.Optional.of(new Scale(Integer.parseInt(props.getProperty("brokers", "1").trim()),
                        Integer.parseInt(props.getProperty("instances", "1").trim())));
            } catch (IOException | IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }

        void record(Path stateDir) throws IOException {
            Files.createDirectories(stateDir);
            Files.writeString(stateDir.resolve(FILE), "# written by `streamgen up`; `down` and `status` read it\n"
                    + "brokers=" + brokers + "\ninstances=" + instances + "\n");
        }
    }

    /**
     * Where every service of the local stack listens: this machine only (the broker's listeners are
     * on {@code localhost} too). A service reachable from elsewhere is a deliberate deployment.
     */
    static final String LOOPBACK = "127.0.0.1";

    private final Path projectRoot;
    private final Path stateDir;
    private final Scale scale;
    /** Slot k: broker node k+1 and instance k+1 of every service. */
    private final List<Ports> slots;
    private final double tokensPerSecond;
    private final Map<String, String> agentEnvironment;
    private final Map<String, String> coordinatorEnvironment;
    private final Map<String, String> gatewayEnvironment;
    private final boolean secure;

    /** @param tokensPerSecond the offline model's rate; negative keeps each agent's default */
    public LocalStack(Path projectRoot, Path stateDir, Ports ports, double tokensPerSecond) {
        this(projectRoot, stateDir, Scale.SINGLE, List.of(ports), tokensPerSecond, Map.of(), Map.of(), Map.of(), false);
    }

    private LocalStack(Path projectRoot, Path stateDir, Scale scale, List<Ports> slots, double tokensPerSecond,
                       Map<String, String> agentEnvironment, Map<String, String> coordinatorEnvironment,
                       Map<String, String> gatewayEnvironment, boolean secure) {
        if (slots.size() < scale.slots()) {
            throw new IllegalArgumentException(scale + " needs " + scale.slots() + " sets of ports, not " + slots.size());
        }
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.scale = scale;
        this.slots = List.copyOf(slots);
        this.tokensPerSecond = tokensPerSecond;
        this.agentEnvironment = Map.copyOf(agentEnvironment);
        this.coordinatorEnvironment = Map.copyOf(coordinatorEnvironment);
        this.gatewayEnvironment = Map.copyOf(gatewayEnvironment);
        this.secure = secure;
    }

    /** This stack scaled out, slot k on this stack's ports + 100·k. */
    public LocalStack withScale(Scale scale) {
        List<Ports> shifted = new ArrayList<>();
        for (int k = 0; k < scale.slots(); k++) {
            shifted.add(slots.get(0).shifted(100 * k));
        }
        return withScale(scale, shifted);
    }

    /** This stack scaled out on the given ports, one {@link Ports} per slot (at least max(brokers, instances)). */
    public LocalStack withScale(Scale scale, List<Ports> slotPorts) {
        return new LocalStack(projectRoot, stateDir, scale, slotPorts, tokensPerSecond, agentEnvironment,
                coordinatorEnvironment, gatewayEnvironment, secure);
    }

    public Scale scale() {
        return scale;
    }

    /**
     * This stack locked down (or not): SASL/SCRAM on the broker, ACLs deny-by-default, one principal
     * per service. A stack started locked down stays so ({@link #secure()}), whatever this says.
     */
    public LocalStack withSecurity(boolean lockedDown) {
        return new LocalStack(projectRoot, stateDir, scale, slots, tokensPerSecond, agentEnvironment,
                coordinatorEnvironment, gatewayEnvironment, lockedDown);
    }

    /** The stack's SASL/SCRAM passwords (owner-only), there once it was started locked down. */
    public Path credentialsFile() {
        return stateDir.resolve("kafka-credentials.properties");
    }

    /** The CLI principal's client settings on a locked-down stack (for {@code --kafka-config}). */
    public Path cliKafkaConfig() {
        return stateDir.resolve("kafka-cli.properties");
    }

    /** True when asked for, or when this state directory's stack was started locked down. */
    public boolean secure() {
        return secure || Files.isRegularFile(credentialsFile());
    }

    /** The stack's credentials: none on an open stack; created (random, owner-only) on first use. */
    public java.util.Optional<KafkaSecurity> security() {
        if (!secure()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(ServiceAcls.credentials(credentialsFile()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read or write " + credentialsFile(), e);
        }
    }

    /** The Kafka client settings a principal of this stack logs in with; empty on an open stack. */
    public Map<String, Object> kafkaLogin(String principal) {
        return security().map(s -> s.clientProperties(principal)).orElse(Map.of());
    }

    /** This stack with more environment for every agent (e.g. a model provider and its endpoint). */
    public LocalStack withAgentEnvironment(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(agentEnvironment);
        merged.putAll(environment);
        return new LocalStack(projectRoot, stateDir, scale, slots, tokensPerSecond, merged, coordinatorEnvironment,
                gatewayEnvironment, secure);
    }

    /**
     * This stack with more environment for the coordinator (e.g. {@code STREAMGEN_COORDINATOR_TASK_DEADLINE}
     * for a test that wants silent tasks re-issued within seconds).
     */
    public LocalStack withCoordinatorEnvironment(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(coordinatorEnvironment);
        merged.putAll(environment);
        return new LocalStack(projectRoot, stateDir, scale, slots, tokensPerSecond, agentEnvironment, merged,
                gatewayEnvironment, secure);
    }

    /** This stack with more environment for every gateway (e.g. {@code STREAMGEN_PREVIEW_ENABLED=false}). */
    public LocalStack withGatewayEnvironment(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(gatewayEnvironment);
        merged.putAll(environment);
        return new LocalStack(projectRoot, stateDir, scale, slots, tokensPerSecond, agentEnvironment,
                coordinatorEnvironment, merged, secure);
    }

    /** Every broker node's address, as clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return KafkaCluster.bootstrapServers(brokerNodes());
    }

    /** The first coordinator (any instance answers every query: it forwards to the owner). */
    public URI coordinatorUrl() {
        return coordinatorUrl(0);
    }

    public URI coordinatorUrl(int instance) {
        return URI.create("http://localhost:" + slots.get(instance).coordinator());
    }

    public URI gatewayUrl() {
        return gatewayUrl(0);
    }

    public URI gatewayUrl(int instance) {
        return URI.create("http://localhost:" + slots.get(instance).gateway());
    }

    /** Where `up` keeps the coordinator's API secret for this stack (owner-only), for `generate --kafka` and tests. */
    public static final String API_SECRET_FILE = "coordinator-api-secret";
    /** The variable both the coordinator and the gateway read the secret from. */
    public static final String API_SECRET_ENV = "STREAMGEN_COORDINATOR_API_SECRET";

    /**
     * The secret the coordinator's query API asks for: an explicit {@value #API_SECRET_ENV} in the
     * coordinator's environment, else the one in this stack's state directory (made now if there is none;
     * `down` removes it, so that every start of the stack has a new one).
     */
    public String coordinatorApiSecret() {
        String explicit = coordinatorEnvironment.get(API_SECRET_ENV);
        return explicit != null ? explicit : apiSecret(stateDir);
    }

    /** The secret the stack in {@code stateDir} was started with, if it has one. */
    public static java.util.Optional<String> recordedApiSecret(Path stateDir) {
        try {
            Path file = stateDir.resolve(API_SECRET_FILE);
            return Files.exists(file) ? java.util.Optional.of(Files.readString(file).trim()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String apiSecret(Path stateDir) {
        Path file = stateDir.resolve(API_SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            String secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(stateDir);
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the state directory is the user's own anyway
            }
            Files.writeString(file, secret + "\n");
            return secret;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the coordinator's API secret in " + file, e);
        }
    }

    /** The broker nodes of the cluster: data in {@code kafka/}, then {@code kafka-2/}, … */
    public List<BrokerSettings> brokerNodes() {
        List<BrokerSettings> nodes = new ArrayList<>();
        for (int k = 0; k < scale.brokers(); k++) {
            nodes.add(BrokerSettings.defaults(stateDir.resolve(instanceName("kafka", k)))
                    .withPorts(slots.get(k).kafka(), slots.get(k).controller()).withStartTimeout(Duration.ofSeconds(90)));
        }
        if (secure()) {
            KafkaSecurity security = security().orElseThrow();
            nodes.replaceAll(node -> node.withSecurity(security));
        }
        return KafkaCluster.members(nodes);
    }

    /** Instance k's name: the service's own name for the first, {@code name-2}, {@code name-3}, … after. */
    public static String instanceName(String service, int instance) {
        return instance == 0 ? service : service + "-" + (instance + 1);
    }

    /** The services this checkout has built, in start order. */
    public List<ServiceProcess> services() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<ServiceProcess> services = new ArrayList<>();
        for (int k = 0; k < scale.instances(); k++) {
            services.add(coordinator(java, k));
        }
        for (int k = 0; k < scale.instances(); k++) {
            for (Map.Entry<Role, Integer> agent : slots.get(k).agents().entrySet()) {
                services.add(agent(java, agent.getKey(), agent.getValue(), k));
            }
        }
        Path gateway = projectRoot.resolve("services/gateway/target/quarkus-app/quarkus-run.jar");
        if (Files.exists(gateway)) {
            for (int k = 0; k < scale.instances(); k++) {
                Map<String, String> env = new LinkedHashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                        "QUARKUS_HTTP_PORT", Integer.toString(slots.get(k).gateway()),
                        "QUARKUS_HTTP_HOST", LOOPBACK,
                        "STREAMGEN_COORDINATOR_URL", coordinatorUrl(k).toString(),
                        // on this machine, for its own user: the preview runs generated apps (sandboxed)
                        "STREAMGEN_PREVIEW_ENABLED", "true",
                        "STREAMGEN_PREVIEW_PORTS", (8200 + 100 * k) + "-" + (8279 + 100 * k),
                        "STREAMGEN_PREVIEW_WORK_DIR", stateDir.resolve(instanceName("preview", k)).toString()));
                env.put(API_SECRET_ENV, coordinatorApiSecret());
                env.putAll(quarkusLogin(ServiceAcls.GATEWAY));
                env.putAll(gatewayEnvironment);
                services.add(new ServiceProcess(instanceName("gateway", k),
                        ServiceJvm.command(java, "384m", gateway, ServiceJvm.Code.HOT),
                        env, URI.create(gatewayUrl(k) + "/q/health/ready"), stateDir));
            }
        }
        return services;
    }

    private ServiceProcess coordinator(String java, int k) {
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "COORDINATOR_PORT", Integer.toString(slots.get(k).coordinator()),
                "SERVER_ADDRESS", LOOPBACK,
                "SPRING_KAFKA_STREAMS_STATEDIR", stateDir.resolve(instanceName("coordinator-state", k)).toString()));
        if (scale.instances() > 1) {
            // a standby copy of every store on another instance: a killed owner's generations move at once
            env.put("SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS", "1");
        }
        env.put("SPRING_KAFKA_STREAMS_PROPERTIES_REPLICATION_FACTOR",
                Short.toString(BrokerConfig.replicationFactor(scale.brokers())));
        env.put(API_SECRET_ENV, coordinatorApiSecret()); // the query API answers only the gateway and its peers
        // spring.kafka.security.protocol and spring.kafka.properties.* reach every client, Streams' included
        kafkaLogin(ServiceAcls.COORDINATOR).forEach((key, value) -> env.put(key.equals("security.protocol")
                ? "SPRING_KAFKA_SECURITY_PROTOCOL" : "SPRING_KAFKA_PROPERTIES_" + environmentName(key), value.toString()));
        env.putAll(coordinatorEnvironment);
        return new ServiceProcess(instanceName("coordinator", k), ServiceJvm.command(java, "384m",
                jar("services/coordinator/target", "streamgen-coordinator-"), ServiceJvm.Code.HOT), env,
                URI.create(coordinatorUrl(k) + "/actuator/health"), stateDir);
    }

    private ServiceProcess agent(String java, Role role, int port, int k) {
        String name = role.name().toLowerCase(Locale.ROOT);
        Map<String, String> env = new LinkedHashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "QUARKUS_HTTP_PORT", Integer.toString(port), "QUARKUS_HTTP_HOST", LOOPBACK));
        if (tokensPerSecond >= 0) {
            env.put("STREAMGEN_LLM_TEMPLATE_TOKENS_PER_SECOND", Double.toString(tokensPerSecond));
        }
        env.putAll(quarkusLogin(ServiceAcls.agent(role)));
        env.putAll(agentEnvironment);
        return new ServiceProcess(instanceName(name + "-agent", k), ServiceJvm.command(java, "256m",
                projectRoot.resolve("services/" + name + "-agent/target/quarkus-app/quarkus-run.jar"),
                ServiceJvm.Code.BROAD),
                env, URI.create("http://localhost:" + port + "/q/health/ready"), stateDir);
    }

    /**
     * A Quarkus service's login: {@code kafka.*} settings reach every channel, the Kafka health check
     * and the clients the service makes itself (messaging's {@code KafkaLogin}).
     */
    private Map<String, String> quarkusLogin(String principal) {
        Map<String, String> env = new LinkedHashMap<>();
        kafkaLogin(principal).forEach((key, value) -> env.put("KAFKA_" + environmentName(key), value.toString()));
        return env;
    }

    private static String environmentName(String kafkaKey) {
        return kafkaKey.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Starts what is not running and waits until everything is healthy; idempotent. */
    public void up(Duration timeout, PrintStream out) throws IOException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        refuseToLockDownAnOpenStack();
        scale.record(stateDir);
        if (!coordinatorEnvironment.containsKey(API_SECRET_ENV)) {
            // made if there is none (`down` removes it: a new secret for every start of the stack); an up
            // that restarts one service (a killed coordinator) keeps the one running gateways and clients hold
            apiSecret(stateDir);
        }
        List<BrokerSettings> nodes = brokerNodes();
        KafkaCluster cluster = KafkaCluster.start(nodes);
        Map<String, Object> adminConfig = new java.util.HashMap<>(nodes.get(0).adminClientProperties());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            String pids = cluster.processes().stream().map(p -> Long.toString(p.pid()))
                    .collect(java.util.stream.Collectors.joining(", "));
            String replicas = scale.brokers() > 1 ? ", " + BrokerConfig.replicationFactor(scale.brokers()) + " replicas" : "";
            out.println("kafka        " + bootstrapServers() + "  (pid " + pids + "), topics: "
                    + new TopicProvisioner(admin, Duration.ofSeconds(60)).provision(
                            io.streamgen.schema.topic.Topics.all(), BrokerConfig.replicationFactor(scale.brokers())) + replicas);
            if (secure()) {
                KafkaSecurity security = security().orElseThrow();
                ServiceAcls.apply(admin, security, Duration.ofSeconds(60));
                ServiceAcls.awaitOnEveryNode(nodes.stream().map(BrokerSettings::bootstrapServers).toList(), security,
                        Duration.ofSeconds(60));
                security.writeClientProperties(cliKafkaConfig(), ServiceAcls.CLI);
                out.println("kafka        locked down: SASL/SCRAM logins, ACLs for " + ServiceAcls.principals()
                        + "; passwords in " + credentialsFile() + "; --kafka clients: --kafka-config " + cliKafkaConfig());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot create the topics or ACLs: " + e.getMessage(), e);
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

    /** Locking down needs a broker formatted so: an open stack's data cannot simply be locked down. */
    private void refuseToLockDownAnOpenStack() throws IOException {
        if (secure && !Files.isRegularFile(credentialsFile())
                && Files.exists(stateDir.resolve(instanceName("kafka", 0)).resolve("kraft").resolve("meta.properties"))) {
            throw new IOException(stateDir + " holds a stack started without --secure: stop it and remove that directory"
                    + " (its topics go with it), or use another --data");
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
        if (KafkaCluster.stop(brokerNodes())) {
            out.println("stopped kafka");
        }
        Files.deleteIfExists(stateDir.resolve(API_SECRET_FILE)); // the next start makes a new one
    }

    /**
     * Stops the broker alone (every node: SIGTERM, Kafka's controlled shutdown), leaving the
     * services running and its data in place; {@link #up} starts it again on the same data and
     * ports. True when it was running.
     */
    public boolean stopBroker() {
        return KafkaCluster.stop(brokerNodes());
    }

    /** {@code kill -9} of broker node {@code node} (0-based) alone; {@link #up} starts it again. */
    public boolean killBroker(int node) {
        return KafkaBrokerProcess.kill(brokerNodes().get(node).dataDir());
    }

    /** Each part and whether it is up. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        List<BrokerSettings> nodes = brokerNodes();
        for (int k = 0; k < nodes.size(); k++) {
            status.put(instanceName("kafka", k), KafkaBrokerProcess.runningBroker(nodes.get(k).dataDir()).isPresent()
                    ? "running on " + nodes.get(k).bootstrapServers() : "stopped");
        }
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
