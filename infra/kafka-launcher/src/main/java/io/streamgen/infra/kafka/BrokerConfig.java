package io.streamgen.infra.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings for a KRaft cluster of one node or more, every node both broker and controller.
 * Kafka's defaults (internal topics with three replicas, transactions with a min ISR of two) suit
 * three nodes and can never be met by one: exactly-once Kafka Streams would hang on its first
 * transaction on a single node without {@link #singleReplicaSettings()}.
 */
public final class BrokerConfig {

    /** Replicas of every topic on a cluster of three nodes or more. */
    public static final int REPLICATION_FACTOR = 3;
    /** In-sync replicas an {@code acks=all} write needs there: one node may be down, not two. */
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    private BrokerConfig() {
    }

    /** What any single-node broker needs, in-JVM or in its own process. */
    public static Map<String, String> singleReplicaSettings() {
        return replicaSettings(1);
    }

    /** The replication factor a cluster of {@code nodes} gives every topic. */
    public static short replicationFactor(int nodes) {
        return (short) Math.min(REPLICATION_FACTOR, nodes);
    }

    /** Replication and min ISR for the internal topics and new topics of a cluster of {@code nodes}. */
    public static Map<String, String> replicaSettings(int nodes) {
        String replicas = Short.toString(replicationFactor(nodes));
        String minIsr = Integer.toString(Math.min(MIN_IN_SYNC_REPLICAS, nodes));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("offsets.topic.replication.factor", replicas);
        settings.put("offsets.topic.num.partitions", "10");
        settings.put("transaction.state.log.replication.factor", replicas);
        settings.put("transaction.state.log.min.isr", minIsr);
        settings.put("transaction.state.log.num.partitions", "10");
        settings.put("share.coordinator.state.topic.replication.factor", replicas);
        settings.put("share.coordinator.state.topic.min.isr", minIsr);
        settings.put("default.replication.factor", replicas);
        settings.put("min.insync.replicas", minIsr);
        settings.put("group.initial.rebalance.delay.ms", "0");
        // The catalogue is the only source of topics: a misspelt name fails instead of appearing.
        settings.put("auto.create.topics.enable", "false");
        return settings;
    }

    /**
     * A locked-down node: SCRAM-SHA-512 logins on the client listener (clients and the nodes between
     * themselves, as {@link KafkaSecurity#ADMIN}), SASL on the controller listener too, so that no
     * anonymous connection is accepted on either port, and the {@code StandardAuthorizer} refusing
     * whatever no ACL allows. The controller listener uses PLAIN with the admin's password in this
     * file: a KRaft controller cannot check SCRAM logins, whose credentials live in the metadata log
     * it serves (KAFKA-15513). The file holds a secret, so the launcher writes it owner-only.
     */
    static Map<String, String> securitySettings(KafkaSecurity security) {
        String admin = KafkaSecurity.ADMIN;
        String password = security.password(admin);
        String listener = KafkaSecurity.PROTOCOL.toLowerCase(java.util.Locale.ROOT);
        String scram = KafkaSecurity.MECHANISM.toLowerCase(java.util.Locale.ROOT);
        String plain = KafkaSecurity.CONTROLLER_MECHANISM.toLowerCase(java.util.Locale.ROOT);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
        settings.put("sasl.mechanism.inter.broker.protocol", KafkaSecurity.MECHANISM);
        settings.put("listener.name." + listener + ".sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
        settings.put("listener.name." + listener + "." + scram + ".sasl.jaas.config", security.jaasConfig(admin));
        settings.put("sasl.mechanism.controller.protocol", KafkaSecurity.CONTROLLER_MECHANISM);
        settings.put("listener.name.controller.sasl.enabled.mechanisms", KafkaSecurity.CONTROLLER_MECHANISM);
        settings.put("listener.name.controller." + plain + ".sasl.jaas.config", KafkaSecurity.jaas(
                "org.apache.kafka.common.security.plain.PlainLoginModule", admin, password,
                " user_" + admin + "=\"" + password + "\""));
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", "User:" + admin);
        return settings;
    }

    /** The full server.properties of a combined broker+controller node. */
    public static Map<String, String> serverProperties(BrokerSettings node) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.nodeId()));
        props.put("controller.quorum.voters", node.voters());
        String client = node.clientListener();
        props.put("listeners", client + "://" + node.host() + ":" + node.port() + ",CONTROLLER://" + node.host() + ":"
                + node.controllerPort());
        props.put("advertised.listeners", client + "://" + node.host() + ":" + node.port());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", client);
        props.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:" + client);
        if (node.secure()) {
            props.putAll(securitySettings(node.security()));
        }
        props.put("log.dirs", node.kraftDir().toAbsolutePath().toString());
        props.put("num.partitions", "1");
        props.putAll(replicaSettings(node.clusterSize()));
        if (!node.single()) {
            // a node that was down catches up and leads again without an operator
            props.put("auto.leader.rebalance.enable", "true");
            props.put("leader.imbalance.check.interval.seconds", "10");
        }
        return props;
    }
}
