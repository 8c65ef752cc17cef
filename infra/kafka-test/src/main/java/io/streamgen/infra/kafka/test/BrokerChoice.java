package io.streamgen.infra.kafka.test;

import io.streamgen.infra.kafka.BrokerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Picks and starts the broker of a test JVM; every broker it starts is stopped at JVM exit. */
final class BrokerChoice {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String DOCKER_SWITCH_ENV = "STREAMGEN_TEST_DOCKER";

    private BrokerChoice() {
    }

    static TestKafka start(Map<String, String> env) {
        String external = env.get(TestKafka.BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return new TestKafka(TestKafka.Kind.EXTERNAL, external.trim());
        }
        if (dockerAvailable(env)) {
            return startContainer();
        }
        return startInJvm();
    }

    /** Asks Testcontainers only when a Docker endpoint may exist: its probing is slow and loud otherwise. */
    static boolean dockerAvailable(Map<String, String> env) {
        if ("false".equalsIgnoreCase(env.getOrDefault(DOCKER_SWITCH_ENV, "true"))) {
            return false;
        }
        boolean endpoint = env.containsKey("DOCKER_HOST") || Files.exists(Path.of("/var/run/docker.sock"));
        if (!endpoint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestKafka startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        BrokerConfig.singleReplicaSettings().forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "streamgen-test-kafka-stop"));
        return new TestKafka(TestKafka.Kind.TESTCONTAINERS, container.getBootstrapServers());
    }

    private static TestKafka startInJvm() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(BrokerConfig.singleReplicaSettings());
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "streamgen-test-kafka-stop"));
        return new TestKafka(TestKafka.Kind.IN_JVM, broker.getBrokersAsString());
    }
}
