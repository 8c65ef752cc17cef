package io.streamgen.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's broker as a separate process, as {@code streamgen up} runs it. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaBrokerProcessIT {

    @TempDir
    Path data;

    private KafkaBrokerProcess broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldStartAsItsOwnProcessAndCreateEveryCatalogueTopicWithItsConfiguration() throws Exception {
        broker = KafkaBrokerProcess.start(settings());

        assertThat(broker.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(Files.readString(data.resolve("broker.pid")).trim()).isEqualTo(Long.toString(broker.pid()));
        try (Admin admin = admin()) {
            TopicProvisioner.Report first = new TopicProvisioner(admin, Duration.ofSeconds(30)).provisionCatalogue();
            assertThat(first.created()).hasSize(Topics.all().size());

            var described = admin.describeTopics(names()).allTopicNames().get(30, TimeUnit.SECONDS);
            var configs = admin.describeConfigs(names().stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            for (Topic<?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                topic.config().forEach((key, value) ->
                        assertThat(actual.get(key).value()).as("%s %s", topic.name(), key).isEqualTo(value));
            }

            TopicProvisioner.Report again = new TopicProvisioner(admin, Duration.ofSeconds(30)).provisionCatalogue();
            assertThat(again.created()).isEmpty();
            assertThat(again.updated()).isEmpty();
            assertThat(again.unchanged()).hasSize(Topics.all().size());
        }
    }

    @Test
    void shouldStopCleanlyAndRestartFromTheSameDataKeepingTopics() throws Exception {
        broker = KafkaBrokerProcess.start(settings());
        try (Admin admin = admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).provisionCatalogue();
        }
        long firstPid = broker.pid();

        assertThat(KafkaBrokerProcess.stop(data)).isTrue();
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(KafkaBrokerProcess.runningBroker(data)).isEmpty();

        broker = KafkaBrokerProcess.start(settings());
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(names());
        }
    }

    @Test
    void shouldAttachToTheBrokerAlreadyRunningFromTheDataDirectory() throws Exception {
        broker = KafkaBrokerProcess.start(settings());

        KafkaBrokerProcess again = KafkaBrokerProcess.start(settings());

        assertThat(again.pid()).isEqualTo(broker.pid());
        assertThat(again.bootstrapServers()).isEqualTo(broker.bootstrapServers());
    }

    @Test
    void shouldGrowPartitionsAndRestoreConfigurationOfAnExistingTopic() throws Exception {
        broker = KafkaBrokerProcess.start(settings());
        Topic<?> small = Topics.EVENTS.withPartitions(2);
        try (Admin admin = admin()) {
            var provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.provision(List.of(small), (short) 1);

            TopicProvisioner.Report report = provisioner.provision(List.of(Topics.EVENTS), (short) 1);

            assertThat(report.updated()).containsExactly(Topics.EVENTS.name());
            assertThat(admin.describeTopics(List.of(Topics.EVENTS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.EVENTS.name()).partitions()).hasSize(Topics.EVENTS.partitions());
        }
    }

    private BrokerSettings settings() throws IOException {
        return BrokerSettings.defaults(data).withPorts(freePort(), freePort()).withStartTimeout(Duration.ofSeconds(90));
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static List<String> names() {
        return Topics.all().stream().map(Topic::name).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
