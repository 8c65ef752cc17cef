package io.streamgen.infra.kafka;

import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the broker hold every topic of the catalogue with its partition count and configuration.
 * Idempotent: an existing topic keeps its data, gets missing partitions added and its catalogue
 * configuration set. Partitions are never removed (Kafka cannot).
 */
public final class TopicProvisioner {

    /** What provisioning did, topic by topic. */
    public record Report(List<String> created, List<String> unchanged, List<String> updated) {
        @Override
        public String toString() {
            return "created " + created.size() + ", updated " + updated.size() + ", unchanged " + unchanged.size();
        }
    }

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The whole catalogue, with its own partition counts and one replica per partition. */
    public Report provisionCatalogue() throws ExecutionException, InterruptedException, TimeoutException {
        return provision(Topics.all(), (short) 1);
    }

    public Report provision(Collection<Topic<?>> topics, short replicationFactor)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> created = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> updated = new ArrayList<>();

        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.config())).toList();
        for (var result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                unchanged.add(result.getKey()); // another provisioner won the race
            }
        }

        List<Topic<?>> present = topics.stream().filter(t -> existing.contains(t.name())).toList();
        if (!present.isEmpty()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(Topic::name).toList())
                    .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, NewPartitions> grow = new HashMap<>();
            Map<ConfigResource, Collection<AlterConfigOp>> configs = new HashMap<>();
            for (Topic<?> topic : present) {
                int partitions = descriptions.get(topic.name()).partitions().size();
                if (partitions < topic.partitions()) {
                    grow.put(topic.name(), NewPartitions.increaseTo(topic.partitions()));
                }
                configs.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic.config().entrySet()
                        .stream().map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()),
                                AlterConfigOp.OpType.SET)).toList());
            }
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            Map<String, Boolean> configChanged = configDrift(present);
            admin.incrementalAlterConfigs(configs).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (Topic<?> topic : present) {
                boolean changed = grow.containsKey(topic.name()) || configChanged.get(topic.name());
                (changed ? updated : unchanged).add(topic.name());
            }
        }
        return new Report(List.copyOf(created), List.copyOf(unchanged), List.copyOf(updated));
    }

    /** Per topic: does the broker's configuration differ from the catalogue's? */
    private Map<String, Boolean> configDrift(List<Topic<?>> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        var actual = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Boolean> drift = new HashMap<>();
        for (Topic<?> topic : topics) {
            var config = actual.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            drift.put(topic.name(), topic.config().entrySet().stream().anyMatch(e -> {
                ConfigEntry entry = config.get(e.getKey());
                return entry == null || !e.getValue().equals(entry.value());
            }));
        }
        return drift;
    }
}
