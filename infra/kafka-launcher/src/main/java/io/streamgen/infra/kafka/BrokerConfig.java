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

    /** The full server.properties of a combined broker+controller node. */
    public static Map<String, String> serverProperties(BrokerSettings node) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.nodeId()));
        props.put("controller.quorum.voters", node.voters());
        props.put("listeners", "PLAINTEXT://" + node.host() + ":" + node.port() + ",CONTROLLER://" + node.host() + ":"
                + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://" + node.host() + ":" + node.port());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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
