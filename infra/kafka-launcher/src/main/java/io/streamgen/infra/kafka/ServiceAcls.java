package io.streamgen.infra.kafka;

import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Who may do what on a locked-down broker: one principal per service, allowed exactly the topics
 * of DESIGN §2's table (as the services use them), their consumer groups and transactional ids;
 * the {@code StandardAuthorizer} refuses everything else. The one definition of the services' access.
 *
 * <p>Where the code is narrower than the table, the code wins: the coordinator does not read
 * {@code checkpoints} back (its stores hold them); agents read {@code status} by assignment (to find
 * a task's earlier attempts). The gateway reads by assignment, with no consumer group at all.
 */
public final class ServiceAcls {

    /** The coordinator's Kafka Streams {@code application.id}: its group, transactional ids and internal topics. */
    public static final String COORDINATOR_APPLICATION_ID = "streamgen-coordinator";
    public static final String COORDINATOR = "coordinator";
    public static final String GATEWAY = "gateway";
    /** The CLI's {@code --kafka} path (as a platform team's own code would talk to the topics). */
    public static final String CLI = "cli";

    /** What one service may do. Groups and transactional ids as patterns (literal or prefixed). */
    public record Access(String principal, List<Topic<?>> reads, List<Topic<?>> writes, List<ResourcePattern> groups,
                         List<ResourcePattern> transactionalIds, List<ResourcePattern> ownTopics) {
    }

    private ServiceAcls() {
    }

    /** The principal of a role's agent service: {@code ui-agent}, {@code logic-agent}, … */
    public static String agent(Role role) {
        return role.name().toLowerCase(Locale.ROOT) + "-agent";
    }

    /** Every service's principal: the coordinator, the gateway, one per agent role. */
    public static List<String> principals() {
        return services().stream().map(Access::principal).toList();
    }

    public static List<Access> services() {
        List<Access> services = new ArrayList<>();
        List<Topic<?>> coordinatorWrites = new ArrayList<>();
        Arrays.stream(Role.values()).map(Topics::tasks).forEach(coordinatorWrites::add);
        coordinatorWrites.addAll(List.of(Topics.EVENTS, Topics.CHECKPOINTS, Topics.DLQ));
        services.add(new Access(COORDINATOR, Topics.coPartitioned(), coordinatorWrites,
                List.of(literal(ResourceType.GROUP, COORDINATOR_APPLICATION_ID)),
                // exactly_once_v2: <application.id>-<process id>-<thread index>
                List.of(prefixed(ResourceType.TRANSACTIONAL_ID, COORDINATOR_APPLICATION_ID + "-")),
                // changelogs (<application.id>-<store>-changelog) and its seeds topic (<application.id>-seeds,
                // which the coordinator creates before Kafka Streams starts: see CoordinatorTopology.seedsTopic)
                List.of(prefixed(ResourceType.TOPIC, COORDINATOR_APPLICATION_ID + "-"))));
        // requests and interventions in, the merged topic and checkpoints out (by assignment: no group)
        services.add(new Access(GATEWAY, List.of(Topics.EVENTS, Topics.CHECKPOINTS),
                List.of(Topics.REQUESTS, Topics.CONTROL, Topics.DLQ), List.of(), List.of(), List.of()));
        // submit and intervene; follow and replay a generation's events by assignment
        services.add(new Access(CLI, List.of(Topics.EVENTS), List.of(Topics.REQUESTS, Topics.CONTROL),
                List.of(), List.of(), List.of()));
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase(Locale.ROOT);
            // the response cache is shared by every role: read whole by each instance (a group of its own), written on a miss
            // the chunks topic is read (by assignment) to re-derive a generation from what it published
            services.add(new Access(agent(role), List.of(Topics.tasks(role), Topics.CONTROL, Topics.BUS, Topics.STATUS,
                    Topics.CACHE, Topics.CHUNKS), List.of(Topics.CHUNKS, Topics.STATUS, Topics.BUS, Topics.CACHE, Topics.DLQ),
                    // agent-core: the role's task group; control and bus, one group per instance
                    List.of(literal(ResourceType.GROUP, "streamgen-agent-" + name),
                            prefixed(ResourceType.GROUP, "streamgen-agent-control-"),
                            prefixed(ResourceType.GROUP, "streamgen-agent-bus-"),
                            prefixed(ResourceType.GROUP, "streamgen-agent-cache-")),
                    List.of(), List.of()));
        }
        return List.copyOf(services);
    }

    /** Every ACL of every service. */
    public static List<AclBinding> bindings() {
        return services().stream().flatMap(ServiceAcls::bindings).toList();
    }

    static Stream<AclBinding> bindings(Access access) {
        String user = "User:" + access.principal();
        List<AclBinding> acls = new ArrayList<>();
        for (Topic<?> topic : access.reads()) {
            acls.add(allow(user, literal(ResourceType.TOPIC, topic.name()), AclOperation.READ));
        }
        for (Topic<?> topic : access.writes()) {
            acls.add(allow(user, literal(ResourceType.TOPIC, topic.name()), AclOperation.WRITE));
        }
        for (ResourcePattern group : access.groups()) {
            acls.add(allow(user, group, AclOperation.READ));
        }
        for (ResourcePattern id : access.transactionalIds()) {
            acls.add(allow(user, id, AclOperation.WRITE));
            acls.add(allow(user, id, AclOperation.DESCRIBE));
        }
        for (ResourcePattern topics : access.ownTopics()) {
            for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE,
                    AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
                acls.add(allow(user, topics, op));
            }
        }
        return acls.stream();
    }

    /**
     * Makes the broker hold every service's credential and ACLs: credentials missing from its
     * metadata (a principal added after format) are created, ACLs are created (an existing one is
     * left as it is). Run as {@link KafkaSecurity#ADMIN}.
     */
    public static void apply(Admin admin, KafkaSecurity security, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> known = admin.describeUserScramCredentials().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).keySet();
        List<UserScramCredentialUpsertion> missing = security.principals().stream().filter(p -> !known.contains(p))
                .map(p -> new UserScramCredentialUpsertion(p, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                        security.password(p))).toList();
        if (!missing.isEmpty()) {
            admin.alterUserScramCredentials(List.copyOf(missing)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        admin.createAcls(bindings()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every node applies the ACLs: the controller commits them at once, each broker
     * takes them from the metadata log a moment later, and a client refused meanwhile (a Kafka
     * Streams producer's transactional id, say) may not try again. The probe is the last service's
     * last topic ACL (one {@code createAcls} batch), asked of each node by a client that knows that
     * node alone, so that its first request goes there.
     */
    public static void awaitOnEveryNode(List<String> nodeAddresses, KafkaSecurity security, Duration timeout)
            throws TimeoutException, InterruptedException {
        Access last = services().get(services().size() - 1);
        Topic<?> probe = last.writes().get(last.writes().size() - 1);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String node : nodeAddresses) {
            while (!allows(node, security, last.principal(), probe)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(node + " did not apply the services' ACLs within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean allows(String node, KafkaSecurity security, String principal, Topic<?> topic) {
        Map<String, Object> config = new HashMap<>(security.clientProperties(principal));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamgen-acl-probe");
        try (var consumer = new KafkaConsumer<>(config,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.partitionsFor(topic.name(), Duration.ofSeconds(5));
            return true;
        } catch (TopicAuthorizationException notYet) {
            return false;
        }
    }

    /** The services' principals, each with a credential (created when missing) in {@code file}. */
    public static KafkaSecurity credentials(Path file) throws IOException {
        return KafkaSecurity.loadOrCreate(file, principals());
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation op) {
        return new AclBinding(resource, new AccessControlEntry(user, "*", op, AclPermissionType.ALLOW));
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String prefix) {
        return new ResourcePattern(type, prefix, PatternType.PREFIXED);
    }
}
