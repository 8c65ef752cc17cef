package io.streamgen.infra.kafka;

import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamgen-kafka}: the local single-node broker from the command line. */
@Command(name = "streamgen-kafka", mixinStandardHelpOptions = true,
        description = "Runs a single-node KRaft Kafka broker (Apache Kafka's own server, no Docker) and the streamgen topics.",
        subcommands = {KafkaLauncherCommand.Start.class, KafkaLauncherCommand.Run.class,
                KafkaLauncherCommand.Stop.class, KafkaLauncherCommand.Status.class,
                KafkaLauncherCommand.Provision.class, KafkaLauncherCommand.Script.class,
                KafkaLauncherCommand.AclScript.class})
public final class KafkaLauncherCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new KafkaLauncherCommand()).execute(args));
    }

    static final class BrokerOptions {
        @Option(names = "--data", defaultValue = ".streamgen/kafka", description = "data directory (default: ${DEFAULT-VALUE})")
        Path data;
        @Option(names = "--port", defaultValue = "9092", description = "client port (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--controller-port", defaultValue = "9093", description = "controller port (default: ${DEFAULT-VALUE})")
        int controllerPort;
        @Option(names = "--heap", defaultValue = "256m", description = "broker max heap (default: ${DEFAULT-VALUE})")
        String heap;
        @Option(names = "--timeout", defaultValue = "PT60S", description = "start-up timeout, ISO-8601 (default: ${DEFAULT-VALUE})")
        Duration timeout;
        @Option(names = "--partitions", description = "partitions for every topic instead of the catalogue's")
        Integer partitions;
        @Option(names = "--secure", description = "SASL/SCRAM logins, ACLs deny-by-default, one principal per service;"
                + " passwords in <data>/credentials.properties (0600)")
        boolean secure;

        BrokerSettings settings() throws java.io.IOException {
            BrokerSettings settings = BrokerSettings.defaults(data).withPorts(port, controllerPort).withHeap(heap)
                    .withStartTimeout(timeout);
            return secure ? settings.withSecurity(ServiceAcls.credentials(data.resolve("credentials.properties"))) : settings;
        }
    }

    @Command(name = "start", description = "Start the broker in the background (or find it running), create the topics, return.")
    static final class Start implements Callable<Integer> {
        @Mixin
        BrokerOptions options;

        @Override
        public Integer call() throws Exception {
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(options.settings());
            System.out.println("kafka ready on " + broker.bootstrapServers() + " (pid " + broker.pid() + ", data "
                    + options.data.toAbsolutePath() + ")");
            System.out.println("topics: " + provision(broker.settings(), options.partitions));
            return 0;
        }
    }

    @Command(name = "run", description = "Like start, then stay in the foreground until interrupted, and stop the broker.")
    static final class Run implements Callable<Integer> {
        @Mixin
        BrokerOptions options;

        @Override
        public Integer call() throws Exception {
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(options.settings());
            AtomicBoolean interrupted = new AtomicBoolean();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                interrupted.set(true);
                broker.close();
            }, "streamgen-kafka-stop"));
            System.out.println("kafka ready on " + broker.bootstrapServers() + "; topics: "
                    + provision(broker.settings(), options.partitions) + "; Ctrl-C stops it");
            broker.awaitExit();
            if (interrupted.get()) {
                return 0;
            }
            System.err.println("kafka exited by itself; see " + options.data.resolve("logs/broker.log"));
            return 1;
        }
    }

    @Command(name = "stop", description = "Stop the broker started from the data directory.")
    static final class Stop implements Callable<Integer> {
        @Option(names = "--data", defaultValue = ".streamgen/kafka")
        Path data;

        @Override
        public Integer call() {
            System.out.println(KafkaBrokerProcess.stop(data) ? "kafka stopped" : "kafka was not running");
            return 0;
        }
    }

    @Command(name = "status", description = "Exit 0 when the broker of the data directory is running.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--data", defaultValue = ".streamgen/kafka")
        Path data;

        @Override
        public Integer call() {
            return KafkaBrokerProcess.runningBroker(data).map(p -> {
                System.out.println("kafka running (pid " + p.pid() + ")");
                return 0;
            }).orElseGet(() -> {
                System.out.println("kafka not running");
                return 3;
            });
        }
    }

    @Command(name = "provision", description = "Create or update the catalogue's topics on any cluster.")
    static final class Provision implements Callable<Integer> {
        @Option(names = "--bootstrap", required = true)
        String bootstrap;
        @Option(names = "--partitions")
        Integer partitions;
        @Option(names = "--replication-factor", defaultValue = "1")
        short replicationFactor;
        @Option(names = "--command-config", paramLabel = "FILE",
                description = "client settings, as Kafka's tools take them (a locked-down cluster's admin login)")
        Path commandConfig;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> login = new java.util.HashMap<>();
            if (commandConfig != null) {
                java.util.Properties props = new java.util.Properties();
                try (var in = java.nio.file.Files.newBufferedReader(commandConfig)) {
                    props.load(in);
                }
                props.stringPropertyNames().forEach(name -> login.put(name, props.getProperty(name)));
            }
            System.out.println("topics: " + provision(bootstrap, partitions, replicationFactor, login, null));
            return 0;
        }
    }

    @Command(name = "topics-script", description = "Print the catalogue as a kafka-topics.sh script.")
    static final class Script implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(TopicsScript.render());
            return 0;
        }
    }

    @Command(name = "acls-script", description = "Print the services' ACLs as a kafka-acls.sh script.")
    static final class AclScript implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(AclsScript.render());
            return 0;
        }
    }

    static TopicProvisioner.Report provision(String bootstrap, Integer partitions, short replicationFactor)
            throws Exception {
        return provision(bootstrap, partitions, replicationFactor, Map.of(), null);
    }

    /** The catalogue on the launcher's own node; a locked-down one gets the services' ACLs too. */
    static String provision(BrokerSettings node, Integer partitions) throws Exception {
        TopicProvisioner.Report report = provision(node.bootstrapServers(), partitions, (short) 1,
                node.adminClientProperties(), node.security());
        return report + (node.secure() ? "; ACLs for " + ServiceAcls.principals() + ", credentials in "
                + node.security().file() : "");
    }

    private static TopicProvisioner.Report provision(String bootstrap, Integer partitions, short replicationFactor,
                                                     Map<String, Object> login, KafkaSecurity security) throws Exception {
        List<Topic<?>> topics = partitions == null ? Topics.all()
                : Topics.all().stream().<Topic<?>>map(t -> t.withPartitions(partitions)).toList();
        Map<String, Object> config = new java.util.HashMap<>(login);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            TopicProvisioner.Report report = new TopicProvisioner(admin, Duration.ofSeconds(30)).provision(topics,
                    replicationFactor);
            if (security != null) {
                ServiceAcls.apply(admin, security, Duration.ofSeconds(30));
            }
            return report;
        }
    }
}
