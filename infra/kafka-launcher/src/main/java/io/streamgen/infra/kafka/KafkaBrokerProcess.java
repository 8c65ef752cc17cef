package io.streamgen.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft broker (a single node, or one node of a {@link KafkaCluster}), Apache Kafka's own server
 * ({@code kafka.Kafka}), run in its own JVM.
 * Storage is formatted on first start; the pid is kept in the data directory so that another
 * process (the CLI's {@code down}) can stop exactly this broker later.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    static final String SERVER_MAIN = "kafka.Kafka";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final BrokerSettings settings;
    private final ProcessHandle process;

    private KafkaBrokerProcess(BrokerSettings settings, ProcessHandle process) {
        this.settings = settings;
        this.process = process;
    }

    /**
     * Starts the broker, or attaches to the one already running from the same data directory, and
     * returns once it answers a metadata request.
     */
    public static KafkaBrokerProcess start(BrokerSettings settings) throws IOException, TimeoutException {
        KafkaBrokerProcess broker = launch(settings, Uuid.randomUuid().toString());
        try {
            broker.awaitReady(settings.startTimeout(), 1);
        } catch (TimeoutException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /**
     * Starts the node's process (formatting its storage for {@code clusterId} on first start), or
     * attaches to the one running from its data directory, without waiting for it: a node of a
     * cluster cannot answer until a majority of its quorum is up.
     */
    static KafkaBrokerProcess launch(BrokerSettings settings, String clusterId) throws IOException {
        Optional<ProcessHandle> running = runningBroker(settings.dataDir());
        if (running.isPresent()) {
            // The running broker keeps the ports it was started with, whatever this call asked for.
            return new KafkaBrokerProcess(withRunningPorts(settings), running.get());
        }
        Files.createDirectories(settings.logFile().getParent());
        refuseAnotherQuorum(settings);
        writeConfiguration(settings);
        formatStorageIfNeeded(settings, clusterId);
        Process process = new ProcessBuilder(javaCommand(settings, SERVER_MAIN, settings.propertiesFile().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()))
                .start();
        Files.writeString(settings.pidFile(), Long.toString(process.pid()));
        return new KafkaBrokerProcess(settings, process.toHandle());
    }

    /**
     * A node formatted as part of one quorum cannot simply join another (its metadata log names the
     * old voters): say so instead of starting a node that never becomes ready.
     */
    private static void refuseAnotherQuorum(BrokerSettings settings) throws IOException {
        if (formattedClusterId(settings).isEmpty() || !Files.isRegularFile(settings.propertiesFile())) {
            return;
        }
        Properties props = properties(settings.propertiesFile());
        boolean secureBefore = props.containsKey("authorizer.class.name");
        if (secureBefore != settings.secure()) {
            throw new IOException(settings.dataDir() + " holds a broker formatted " + (secureBefore ? "locked down (SASL/SCRAM,"
                    + " ACLs)" : "open (PLAINTEXT, no ACLs)") + ": start it " + (secureBefore ? "in secure mode" : "without secure mode")
                    + " as it was, or stop the stack and remove that directory (its topics go with it), or use another data directory");
        }
        String before = props.getProperty("controller.quorum.voters", "");
        int nodesBefore = before.isBlank() ? 1 : before.split(",").length;
        if (nodesBefore != settings.clusterSize()) {
            throw new IOException(settings.dataDir() + " holds a broker of a " + nodesBefore + "-node cluster, not of "
                    + settings.clusterSize() + ": start it as it was, or stop the stack and remove that directory"
                    + " (its topics go with it), or use another data directory");
        }
    }

    /** The cluster id the node's storage was formatted with, if it was. */
    static Optional<String> formattedClusterId(BrokerSettings settings) throws IOException {
        Path meta = settings.kraftDir().resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties(meta).getProperty("cluster.id"));
    }

    private static Properties properties(Path file) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return props;
    }

    private static BrokerSettings withRunningPorts(BrokerSettings settings) throws IOException {
        Properties props = properties(settings.propertiesFile());
        String listeners = props.getProperty("listeners");
        int port = listenerPort(listeners, props.getProperty("inter.broker.listener.name", "PLAINTEXT"));
        int controllerPort = listenerPort(listeners, "CONTROLLER");
        return settings.withPorts(port, controllerPort).asMember(Integer.parseInt(props.getProperty("node.id", "1")),
                props.getProperty("controller.quorum.voters"));
    }

    private static int listenerPort(String listeners, String name) {
        for (String listener : listeners.split(",")) {
            if (listener.startsWith(name + "://")) {
                return Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
            }
        }
        throw new IllegalStateException("no " + name + " listener in " + listeners);
    }

    /** The broker started from {@code dataDir} earlier, if it is still alive. */
    public static Optional<ProcessHandle> runningBroker(Path dataDir) {
        Path pidFile = dataDir.resolve("broker.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            // A recycled pid belongs to someone else: only a live JVM running kafka.Kafka is ours.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().arguments().map(args -> List.of(args).contains(SERVER_MAIN)).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the broker started from {@code dataDir}, if any; true when one was running. */
    public static boolean stop(Path dataDir) {
        Optional<ProcessHandle> running = runningBroker(dataDir);
        running.ifPresent(KafkaBrokerProcess::terminate);
        try {
            Files.deleteIfExists(dataDir.resolve("broker.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return running.isPresent();
    }

    /**
     * {@code kill -9} of the broker started from {@code dataDir}, as a crash: no controlled shutdown,
     * the pid file left (a later start sees the pid dead and starts anew). True when one was running.
     */
    public static boolean kill(Path dataDir) {
        Optional<ProcessHandle> running = runningBroker(dataDir);
        running.ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException("the broker (pid " + process.pid() + ") survived kill -9", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return running.isPresent();
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** Blocks until the broker process ends (for a foreground {@code run}). */
    public void awaitExit() throws InterruptedException {
        try {
            process.onExit().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker cleanly (SIGTERM, Kafka's controlled shutdown), forcibly after 30 s. */
    @Override
    public void close() {
        terminate(process);
        try {
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void terminate(ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks until the node answers a metadata request that shows at least {@code nodes} brokers
     * (a cluster's topics with three replicas cannot be created before three have registered).
     */
    void awaitReady(Duration timeout, int nodes) throws TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = new java.util.HashMap<>(settings.adminClientProperties());
        config.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        try (Admin admin = Admin.create(config)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited during start-up; see " + settings.logFile()
                            + ":\n" + tail(settings.logFile(), 20));
                }
                try {
                    if (admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get().size() >= nodes) {
                        return;
                    }
                    sleep(Duration.ofMillis(250));
                } catch (ExecutionException notYet) {
                    sleep(Duration.ofMillis(250));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
            }
        }
        throw new TimeoutException("the broker did not answer on " + settings.bootstrapServers() + (nodes > 1
                ? " with " + nodes + " brokers in its cluster" : "") + " within " + timeout + "; see " + settings.logFile());
    }

    private static void writeConfiguration(BrokerSettings settings) throws IOException {
        Properties props = new Properties();
        props.putAll(BrokerConfig.serverProperties(settings));
        // a locked-down node's file holds the admin's password: owner-only before anything is written
        Files.deleteIfExists(settings.propertiesFile());
        Files.createFile(settings.propertiesFile(),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(KafkaSecurity.ownerOnlyPermissions()));
        try (var out = Files.newBufferedWriter(settings.propertiesFile(), StandardCharsets.UTF_8)) {
            props.store(out, "KRaft node " + settings.nodeId() + " of " + settings.clusterSize()
                    + ", written by streamgen's kafka launcher");
        }
        Files.writeString(settings.dataDir().resolve("log4j2.properties"), """
                # Kafka's own loggers at INFO, to logs/broker.log (the launcher redirects stdout there)
                appender.console.type = Console
                appender.console.name = out
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.out.ref = out
                logger.state.name = state.change.logger
                logger.state.level = WARN
                """);
    }

    /** {@code kafka-storage format}, once: a formatted directory holds meta.properties. */
    private static void formatStorageIfNeeded(BrokerSettings settings, String clusterId) throws IOException {
        if (Files.exists(settings.kraftDir().resolve("meta.properties"))) {
            return;
        }
        List<String> command = javaCommand(settings, STORAGE_TOOL, "format", "-t", clusterId,
                "-c", settings.propertiesFile().toString());
        Path argumentFile = settings.dataDir().resolve("format.args");
        if (settings.secure()) {
            // SCRAM credentials are added at format time; passed in a java @argument file (owner-only,
            // deleted right after) so that no password shows in the process list
            command.addAll(settings.security().formatArguments());
            Files.deleteIfExists(argumentFile);
            Files.createFile(argumentFile,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(KafkaSecurity.ownerOnlyPermissions()));
            Files.write(argumentFile, command.subList(1, command.size()).stream().map(KafkaBrokerProcess::quoted).toList(),
                    StandardCharsets.UTF_8);
            command = List.of(settings.javaExecutable(), "@" + argumentFile);
        }
        Process format;
        try {
            format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile())).start();
        } catch (IOException e) {
            Files.deleteIfExists(argumentFile);
            throw e;
        }
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IOException("formatting the broker's storage timed out");
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting the broker's storage", e);
        } finally {
            Files.deleteIfExists(argumentFile);
        }
        if (format.exitValue() != 0) {
            throw new IOException("formatting the broker's storage failed (exit " + format.exitValue() + "):\n"
                    + tail(settings.logFile(), 20));
        }
    }

    private static List<String> javaCommand(BrokerSettings settings, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(settings.javaExecutable(),
                "-Xmx" + settings.heap(), "-Xms64m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + settings.dataDir().resolve("log4j2.properties").toAbsolutePath(),
                "-cp", settings.classPath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** One argument of a java @argument file: quoted, with the launcher's escapes. */
    private static String quoted(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
