package io.streamgen.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's broker locked down: SASL/SCRAM logins, the StandardAuthorizer deny-by-default and
 * {@link ServiceAcls}: a service is allowed its own topics and groups, refused everyone else's.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecureBrokerIT {

    private static final String UI = ServiceAcls.agent(Role.UI);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path data;

    private static BrokerSettings settings;
    private static KafkaBrokerProcess broker;
    private static KafkaSecurity security;

    @BeforeAll
    static void startLockedDownBroker() throws Exception {
        security = ServiceAcls.credentials(data.resolve("kafka-credentials.properties"));
        settings = BrokerSettings.defaults(data.resolve("kafka")).withPorts(freePort(), freePort())
                .withStartTimeout(Duration.ofSeconds(90)).withSecurity(security);
        broker = KafkaBrokerProcess.start(settings);
        try (Admin admin = Admin.create(client(KafkaSecurity.ADMIN, settings.adminClientProperties()))) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).provisionCatalogue();
            ServiceAcls.apply(admin, security, Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldKeepEveryPasswordInOwnerOnlyFilesAndOutOfTheLogs() throws IOException {
        assertThat(KafkaSecurity.ownerOnly(security.file())).isTrue();
        assertThat(KafkaSecurity.ownerOnly(settings.propertiesFile())).isTrue();
        assertThat(security.principals()).contains(KafkaSecurity.ADMIN, ServiceAcls.COORDINATOR, ServiceAcls.GATEWAY,
                "ui-agent", "logic-agent", "api-agent", "optimization-agent", "testing-agent");
        assertThat(security.toString()).doesNotContain(security.password(UI));
        assertThat(settings.dataDir().resolve("format.args")).doesNotExist();
        String log = Files.readString(settings.logFile(), StandardCharsets.UTF_8);
        for (String principal : security.principals()) {
            assertThat(log).as("broker.log mentions %s's password", principal).doesNotContain(security.password(principal));
        }
    }

    @Test
    void shouldLetAnAgentWriteAndReadItsOwnTopicsOnly() throws Exception {
        String id = "g-own";
        try (KafkaProducer<String, String> coordinator = producer(ServiceAcls.COORDINATOR)) {
            coordinator.send(new ProducerRecord<>(Topics.tasks(Role.UI).name(), id, "task")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> ui = producer(UI)) {
            ui.send(new ProducerRecord<>(Topics.CHUNKS.name(), id, "chunk")).get(30, TimeUnit.SECONDS);
            assertThat(cause(() -> ui.send(new ProducerRecord<>(Topics.EVENTS.name(), id, "forged")).get(30, TimeUnit.SECONDS)))
                    .as("ui-agent writing the merged topic").isInstanceOf(TopicAuthorizationException.class);
            assertThat(cause(() -> ui.send(new ProducerRecord<>(Topics.tasks(Role.LOGIC).name(), id, "forged"))
                    .get(30, TimeUnit.SECONDS))).as("ui-agent writing logic's tasks").isInstanceOf(TopicAuthorizationException.class);
        }

        try (KafkaConsumer<String, String> own = consumer(UI, "streamgen-agent-ui")) {
            own.subscribe(List.of(Topics.tasks(Role.UI).name()));
            List<String> read = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                own.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
            }
            assertThat(read).as("ui-agent reading its own tasks in its own group").containsExactly("task");
            own.commitSync();
        }
        try (KafkaConsumer<String, String> other = consumer(UI, "streamgen-agent-logic")) {
            other.subscribe(List.of(Topics.tasks(Role.LOGIC).name()));
            assertThat(pollUntilFailure(other)).as("ui-agent in logic's group on logic's tasks")
                    .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> events = consumer(UI, null)) {
            events.assign(List.of(new TopicPartition(Topics.EVENTS.name(), 0)));
            events.seekToBeginning(events.assignment());
            assertThat(pollUntilFailure(events)).as("ui-agent reading the merged topic")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldLetTheGatewayReadTheMergedTopicByAssignmentAndWriteRequests() throws Exception {
        try (KafkaProducer<String, String> coordinator = producer(ServiceAcls.COORDINATOR);
             KafkaProducer<String, String> gateway = producer(ServiceAcls.GATEWAY)) {
            coordinator.send(new ProducerRecord<>(Topics.EVENTS.name(), 0, "g-gw", "event")).get(30, TimeUnit.SECONDS);
            gateway.send(new ProducerRecord<>(Topics.REQUESTS.name(), "g-gw", "request")).get(30, TimeUnit.SECONDS);
            assertThat(cause(() -> gateway.send(new ProducerRecord<>(Topics.CHUNKS.name(), "g-gw", "forged")).get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> gateway = consumer(ServiceAcls.GATEWAY, null)) {
            TopicPartition partition = new TopicPartition(Topics.EVENTS.name(), 0);
            gateway.assign(List.of(partition));
            gateway.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> read = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                gateway.poll(Duration.ofMillis(500)).forEach(read::add);
            }
            assertThat(read).extracting(ConsumerRecord::value).contains("event");
        }
    }

    @Test
    void shouldRefuseAWrongPasswordAndAnAnonymousClient() {
        Map<String, Object> wrong = new HashMap<>(security.clientProperties(UI));
        wrong.put("sasl.jaas.config", KafkaSecurity.jaas("org.apache.kafka.common.security.scram.ScramLoginModule", UI,
                "not-" + security.password(UI), ""));
        try (KafkaProducer<String, String> impostor = new KafkaProducer<>(client(UI, wrong), new StringSerializer(),
                new StringSerializer())) {
            assertThat(cause(() -> impostor.send(new ProducerRecord<>(Topics.CHUNKS.name(), "g", "x")).get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }

        // PLAINTEXT on the SASL listener and on the controller listener: no request is ever answered
        for (String address : List.of(settings.bootstrapServers(), settings.host() + ":" + settings.controllerPort())) {
            Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            try (Admin admin = Admin.create(anonymous)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS)).as(address)
                        .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
            }
        }
    }

    @Test
    void shouldGiveEveryServiceOnlyTheTopicsOfItsRow() {
        // no agent is allowed another role's task topic, the merged topic or the checkpoints
        for (Role role : Role.values()) {
            List<String> topics = ServiceAcls.services().stream().filter(a -> a.principal().equals(ServiceAcls.agent(role)))
                    .flatMap(a -> Stream.concat(a.reads().stream(), a.writes().stream())).map(Topic::name).toList();
            assertThat(topics).contains(Topics.tasks(role).name())
                    .doesNotContain(Topics.EVENTS.name(), Topics.CHECKPOINTS.name(), Topics.REQUESTS.name());
            Stream.of(Role.values()).filter(r -> r != role)
                    .forEach(r -> assertThat(topics).doesNotContain(Topics.tasks(r).name()));
        }
    }

    private static Map<String, Object> client(String clientId, Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-it");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return config;
    }

    private KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = client(principal, security.clientProperties(principal));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.keySet().retainAll(ProducerConfig.configNames());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> config = client(principal, security.clientProperties(principal));
        config.keySet().retainAll(ConsumerConfig.configNames());
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Throwable pollUntilFailure(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(500));
            } catch (RuntimeException refused) {
                return refused;
            }
        }
        throw new AssertionError("polled for " + WAIT + " without being refused");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Throwable cause(Call call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
