package io.streamgen.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three launcher nodes as one KRaft cluster, as {@code streamgen up --brokers 3} runs them. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KafkaClusterIT {

    @TempDir
    Path data;

    private List<BrokerSettings> members;

    @AfterEach
    void stopCluster() {
        if (members != null) {
            KafkaCluster.stop(members);
        }
    }

    @Test
    void shouldReplicateEveryTopicThreeTimesAndKeepAcceptingWritesWithOneNodeKilled() throws Exception {
        members = members(3);
        KafkaCluster cluster = KafkaCluster.start(members);
        assertThat(cluster.processes()).extracting(KafkaBrokerProcess::pid).doesNotHaveDuplicates();
        try (Admin admin = admin(cluster.bootstrapServers())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            new TopicProvisioner(admin, Duration.ofSeconds(60)).provision(Topics.all(), BrokerConfig.replicationFactor(3));
            // created on the controller: the node asked may learn of them from the metadata log a moment later
            Map<String, TopicDescription> topics = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions().until(() -> admin.describeTopics(Topics.all().stream().map(Topic::name).toList())
                            .allTopicNames().get(30, TimeUnit.SECONDS), all -> all.size() == Topics.all().size());
            topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                    assertThat(partition.replicas()).as(topic.name()).hasSize(3)));
            var brokerConfig = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(brokerConfig.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(brokerConfig.get("transaction.state.log.min.isr").value()).isEqualTo("2");
        }

        assertThat(KafkaBrokerProcess.kill(members.get(0).dataDir())).isTrue();
        // acks=all with min ISR 2: the two nodes left take every write
        try (KafkaProducer<byte[], byte[]> producer = producer(KafkaCluster.bootstrapServers(members.subList(1, 3)))) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), ("g-" + i).getBytes(StandardCharsets.UTF_8),
                        new byte[16])).get(60, TimeUnit.SECONDS);
            }
        }

        // the killed node starts again on its own data and rejoins; the running two are attached to
        KafkaCluster again = KafkaCluster.start(members);
        assertThat(again.processes().get(1).pid()).isEqualTo(cluster.processes().get(1).pid());
        assertThat(again.processes().get(0).pid()).isNotEqualTo(cluster.processes().get(0).pid());
        try (Admin admin = admin(members.get(0).bootstrapServers())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
        }
    }

    /**
     * {@code streamgen up --brokers 3 --secure}: every node locked down with the same credentials;
     * the nodes replicate to each other as admin (SCRAM) and a transactional write (markers sent
     * between nodes) of the coordinator's principal commits, while another service's is refused.
     */
    @Test
    void shouldLockDownEveryNodeAndReplicateBetweenThemAsAdmin() throws Exception {
        KafkaSecurity security = ServiceAcls.credentials(data.resolve("kafka-credentials.properties"));
        members = members(3).stream().map(node -> node.withSecurity(security)).toList();
        KafkaCluster cluster = KafkaCluster.start(members);
        Map<String, Object> admin = new java.util.HashMap<>(security.clientProperties(KafkaSecurity.ADMIN));
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            new TopicProvisioner(client, Duration.ofSeconds(60)).provision(Topics.all(), BrokerConfig.replicationFactor(3));
            ServiceAcls.apply(client, security, Duration.ofSeconds(60));
        }
        ServiceAcls.awaitOnEveryNode(members.stream().map(BrokerSettings::bootstrapServers).toList(), security,
                Duration.ofSeconds(60));
        Map<String, Object> coordinator = new java.util.HashMap<>(security.clientProperties(ServiceAcls.COORDINATOR));
        coordinator.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, ServiceAcls.COORDINATOR_APPLICATION_ID + "-it-0",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(coordinator, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "g".getBytes(StandardCharsets.UTF_8), new byte[8]));
            producer.commitTransaction();
        }
        Map<String, Object> gateway = new java.util.HashMap<>(security.clientProperties(ServiceAcls.GATEWAY));
        gateway.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, ServiceAcls.COORDINATOR_APPLICATION_ID + "-it-1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000));
        try (KafkaProducer<byte[], byte[]> impostor = new KafkaProducer<>(gateway, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(impostor::initTransactions)
                    .as("the gateway taking the coordinator's transactional id")
                    .isInstanceOf(org.apache.kafka.common.errors.TransactionalIdAuthorizationException.class);
        }
    }

    private List<BrokerSettings> members(int n) throws IOException {
        List<BrokerSettings> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            nodes.add(BrokerSettings.defaults(data.resolve("kafka-" + i)).withPorts(freePort(), freePort())
                    .withStartTimeout(Duration.ofSeconds(120)));
        }
        return KafkaCluster.members(nodes);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
