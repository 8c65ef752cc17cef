package io.streamgen.coordinator.config;

import io.streamgen.coordinator.topology.CoordinatorTopology;
import io.streamgen.schema.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the coordinator's seeds topic ({@link CoordinatorTopology#seedsTopic}) before Kafka
 * Streams starts, as Streams creates the changelogs: with the input topics' partition count (read
 * from {@code streamgen.requests}), so that a generation's key lands in the task that owns it, and
 * {@link CoordinatorTopology#seedsTopicConfig()}. An existing topic with another partition count
 * stops the start: its records would reach the wrong tasks.
 */
final class SeedsTopic {

    private static final Logger LOG = LoggerFactory.getLogger(SeedsTopic.class);
    private static final long TIMEOUT_SECONDS = 30;

    private SeedsTopic() {
    }

    static void ensure(Properties streams) {
        String applicationId = streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        String name = CoordinatorTopology.seedsTopic(applicationId);
        Map<String, Object> config = new StreamsConfig(streams).getAdminConfigs(applicationId + "-seeds-admin");
        try (Admin admin = Admin.create(config)) {
            int partitions = partitions(admin, Topics.REQUESTS.name());
            if (partitions < 0) {
                LOG.warn("{} does not exist yet; {} is left to a later start", Topics.REQUESTS.name(), name);
                return;
            }
            int existing = partitions(admin, name);
            if (existing < 0) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) -1)
                            .configs(CoordinatorTopology.seedsTopicConfig()))).all()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    LOG.info("created {} with {} partitions", name, partitions);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + name + ": " + e.getCause().getMessage(), e);
                    }
                }
            } else if (existing != partitions) {
                throw new IllegalStateException(name + " has " + existing + " partitions and " + Topics.REQUESTS.name()
                        + " " + partitions + ": they must be equal (delete " + name + "; it only holds re-derivations"
                        + " in flight)");
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in " + TIMEOUT_SECONDS + " s while creating " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot look up " + name + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The topic's partition count, or -1 when it does not exist. */
    private static int partitions(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return -1;
            }
            throw e;
        }
    }
}
