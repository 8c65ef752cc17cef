package io.streamgen.infra.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of several nodes on one machine, each its own {@link KafkaBrokerProcess} (broker
 * and controller in one), each with its own data directory and ports. With three nodes or more,
 * every topic has three replicas and a min ISR of two ({@link BrokerConfig}): any one node may crash
 * without a write being refused or lost.
 */
public final class KafkaCluster implements AutoCloseable {

    private final List<BrokerSettings> nodes;
    private final List<KafkaBrokerProcess> processes;

    private KafkaCluster(List<BrokerSettings> nodes, List<KafkaBrokerProcess> processes) {
        this.nodes = nodes;
        this.processes = processes;
    }

    /** The nodes as members of one quorum: node ids 1…n in the given order, every node a voter. */
    public static List<BrokerSettings> members(List<BrokerSettings> nodes) {
        List<BrokerSettings> numbered = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            numbered.add(nodes.get(i).asMember(i + 1, null));
        }
        String voters = numbered.stream().map(BrokerSettings::voter).collect(Collectors.joining(","));
        return numbered.stream().map(node -> node.asMember(node.nodeId(), voters)).toList();
    }

    /**
     * Starts every node that is not running (all at once: none answers before a majority is up),
     * attaches to those that are, and returns once each node sees all of them. A node whose storage
     * is new is formatted with the cluster's id (from any formatted node, else a new one).
     */
    public static KafkaCluster start(List<BrokerSettings> members) throws IOException, TimeoutException {
        String clusterId = clusterId(members);
        List<KafkaBrokerProcess> processes = new ArrayList<>();
        for (BrokerSettings node : members) {
            processes.add(KafkaBrokerProcess.launch(node, clusterId));
        }
        KafkaCluster cluster = new KafkaCluster(members, processes);
        try {
            for (KafkaBrokerProcess process : processes) {
                process.awaitReady(process.settings().startTimeout(), members.size());
            }
        } catch (TimeoutException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static String clusterId(List<BrokerSettings> members) throws IOException {
        for (BrokerSettings node : members) {
            Optional<String> id = KafkaBrokerProcess.formattedClusterId(node);
            if (id.isPresent()) {
                return id.get();
            }
        }
        return Uuid.randomUuid().toString();
    }

    /** Every node's client address, comma-separated, as clients' {@code bootstrap.servers}. */
    public static String bootstrapServers(List<BrokerSettings> members) {
        return members.stream().map(BrokerSettings::bootstrapServers).collect(Collectors.joining(","));
    }

    public String bootstrapServers() {
        return bootstrapServers(nodes);
    }

    public List<KafkaBrokerProcess> processes() {
        return List.copyOf(processes);
    }

    /** Stops every node of the cluster: see {@link #stop(List)}. */
    @Override
    public void close() {
        stop(nodes);
    }

    /**
     * Stops every running node, all at once: one by one, the last nodes would wait out their
     * controlled shutdown for a quorum that is already gone. True when any was running.
     */
    public static boolean stop(List<BrokerSettings> members) {
        List<java.util.concurrent.CompletableFuture<Boolean>> stopping = members.stream()
                .map(node -> java.util.concurrent.CompletableFuture.supplyAsync(() -> KafkaBrokerProcess.stop(node.dataDir()),
                        runnable -> new Thread(runnable, "stop-kafka-" + node.nodeId()).start()))
                .toList();
        return stopping.stream().map(java.util.concurrent.CompletableFuture::join).reduce(false, Boolean::logicalOr);
    }
}
