package io.streamgen.infra.kafka.test;

import io.streamgen.infra.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one Kafka broker of a test JVM, with every catalogue topic created. Chosen once, in this
 * order: an external broker when {@code STREAMGEN_KAFKA_BOOTSTRAP} is set; Testcontainers' Kafka
 * when a Docker engine answers; otherwise an in-JVM KRaft broker. It stops when the JVM exits, so
 * tests share it and keep their own state apart with their own generation ids and group ids.
 */
public final class TestKafka {

    public static final String BOOTSTRAP_ENV = "STREAMGEN_KAFKA_BOOTSTRAP";

    /** How the broker was obtained. */
    public enum Kind { EXTERNAL, TESTCONTAINERS, IN_JVM }

    private static volatile TestKafka shared;

    private final Kind kind;
    private final String bootstrapServers;

    TestKafka(Kind kind, String bootstrapServers) {
        this.kind = kind;
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers);
    }

    /** The broker of this JVM, started (and its topics created) on first use. */
    public static TestKafka shared() {
        TestKafka kafka = shared;
        if (kafka == null) {
            synchronized (TestKafka.class) {
                kafka = shared;
                if (kafka == null) {
                    kafka = BrokerChoice.start(System.getenv());
                    kafka.provisionCatalogue();
                    shared = kafka;
                }
            }
        }
        return kafka;
    }

    public Kind kind() {
        return kind;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A new admin client on this broker; close it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Produce and consume helpers with bounded waits. */
    public KafkaTestClient client() {
        return new KafkaTestClient(bootstrapServers);
    }

    private void provisionCatalogue() {
        try (Admin admin = admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).provisionCatalogue();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the streamgen topics on " + bootstrapServers + " (" + kind + ")", e);
        }
    }

    @Override
    public String toString() {
        return kind + " kafka at " + bootstrapServers;
    }
}
