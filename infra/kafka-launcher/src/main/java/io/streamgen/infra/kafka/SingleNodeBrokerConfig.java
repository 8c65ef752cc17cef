package io.streamgen.infra.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings for a one-node KRaft cluster. Internal topics default to three replicas and
 * transactions to a min ISR of two, which a single node can never satisfy: exactly-once Kafka
 * Streams would hang on its first transaction without {@link #singleReplicaSettings()}.
 */
public final class SingleNodeBrokerConfig {

    private SingleNodeBrokerConfig() {
    }

    /** What any single-node broker needs, in-JVM or in its own process. */
    public static Map<String, String> singleReplicaSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "10");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "10");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        // The catalogue is the only source of topics: a misspelt name fails instead of appearing.
        settings.put("auto.create.topics.enable", "false");
        return settings;
    }

    /** The full server.properties of a combined broker+controller node listening on localhost. */
    public static Map<String, String> serverProperties(String host, int port, int controllerPort, Path logDir) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "1");
        props.putAll(singleReplicaSettings());
        return props;
    }
}
