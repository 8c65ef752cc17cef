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
 */
public record BrokerSettings(Path dataDir, String host, int port, int controllerPort, String heap,
                             Duration startTimeout, String javaExecutable, String classPath) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(classPath, "classPath");
        if (port == controllerPort) {
            throw new IllegalArgumentException("broker and controller ports must differ: " + port);
        }
    }

    /** Defaults: localhost:9092 (controller 9093), 256 MB heap, this JVM's java and class path. */
    public static BrokerSettings defaults(Path dataDir) {
        return new BrokerSettings(dataDir, "localhost", DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, "256m",
                Duration.ofSeconds(60), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"));
    }

    public BrokerSettings withPorts(int brokerPort, int controller) {
        return new BrokerSettings(dataDir, host, brokerPort, controller, heap, startTimeout, javaExecutable, classPath);
    }

    public BrokerSettings withHeap(String maxHeap) {
        return new BrokerSettings(dataDir, host, port, controllerPort, maxHeap, startTimeout, javaExecutable, classPath);
    }

    public BrokerSettings withStartTimeout(Duration timeout) {
        return new BrokerSettings(dataDir, host, port, controllerPort, heap, timeout, javaExecutable, classPath);
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
