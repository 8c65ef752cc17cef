package io.streamgen.infra.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to run the local broker.
 *
 * @param dataDir  everything the broker writes: {@code kraft/} (its log dirs), {@code logs/broker.log},
 *                 {@code server.properties}, {@code broker.pid}
 * @param classPath the class path of the broker JVM; it must hold {@code kafka_2.13} and a logging backend
 * @param nodeId    this node's id in its KRaft quorum (1 for a single node)
 * @param voters    the quorum, {@code id@host:controllerPort,…}; null for a single node (itself)
 * @param security  null for an open broker (PLAINTEXT, no authorizer); else SASL/SCRAM logins, the
 *                  {@code StandardAuthorizer} deny-by-default and these credentials (see {@link KafkaSecurity})
 */
public record BrokerSettings(Path dataDir, String host, int port, int controllerPort, String heap,
                             Duration startTimeout, String javaExecutable, String classPath, int nodeId, String voters,
                             KafkaSecurity security) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(classPath, "classPath");
        if (port == controllerPort) {
            throw new IllegalArgumentException("broker and controller ports must differ: " + port);
        }
        if (voters == null) {
            voters = nodeId + "@" + host + ":" + controllerPort;
        }
    }

    /** Defaults: localhost:9092 (controller 9093), 256 MB heap, this JVM's java and class path. */
    public static BrokerSettings defaults(Path dataDir) {
        return new BrokerSettings(dataDir, "localhost", DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, "256m",
                Duration.ofSeconds(60), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), 1, null, null);
    }

    /** The same node on other ports; a single node's quorum follows its controller port. */
    public BrokerSettings withPorts(int brokerPort, int controller) {
        String quorum = single() ? null : voters;
        return new BrokerSettings(dataDir, host, brokerPort, controller, heap, startTimeout, javaExecutable, classPath,
                nodeId, quorum, security);
    }

    public BrokerSettings withHeap(String maxHeap) {
        return new BrokerSettings(dataDir, host, port, controllerPort, maxHeap, startTimeout, javaExecutable, classPath,
                nodeId, voters, security);
    }

    public BrokerSettings withStartTimeout(Duration timeout) {
        return new BrokerSettings(dataDir, host, port, controllerPort, heap, timeout, javaExecutable, classPath,
                nodeId, voters, security);
    }

    /** This node as member {@code id} of the quorum {@code voters} (see {@link KafkaCluster}). */
    public BrokerSettings asMember(int id, String quorum) {
        return new BrokerSettings(dataDir, host, port, controllerPort, heap, startTimeout, javaExecutable, classPath,
                id, quorum, security);
    }

    /** This node locked down with {@code credentials}; null opens it again. */
    public BrokerSettings withSecurity(KafkaSecurity credentials) {
        return new BrokerSettings(dataDir, host, port, controllerPort, heap, startTimeout, javaExecutable, classPath,
                nodeId, voters, credentials);
    }

    public boolean secure() {
        return security != null;
    }

    /** The client listener's name, and its security protocol. */
    public String clientListener() {
        return secure() ? KafkaSecurity.PROTOCOL : "PLAINTEXT";
    }

    /**
     * What the launcher's own clients (readiness, topics, ACLs) need: nothing on an open broker, the
     * super user's login on a locked-down one.
     */
    public java.util.Map<String, Object> adminClientProperties() {
        return secure() ? security.clientProperties(KafkaSecurity.ADMIN) : java.util.Map.of();
    }

    /** The number of nodes in this node's quorum. */
    public int clusterSize() {
        return voters.split(",").length;
    }

    /** True for a quorum of this node alone. */
    public boolean single() {
        return clusterSize() == 1;
    }

    /** This node's own voter entry, {@code id@host:controllerPort}. */
    public String voter() {
        return nodeId + "@" + host + ":" + controllerPort;
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    Path kraftDir() {
        return dataDir.resolve("kraft");
    }

    Path logFile() {
        return dataDir.resolve("logs").resolve("broker.log");
    }

    Path pidFile() {
        return dataDir.resolve("broker.pid");
    }

    Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }
}
