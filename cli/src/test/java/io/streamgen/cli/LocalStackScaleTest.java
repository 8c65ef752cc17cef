package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgen.infra.kafka.BrokerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code streamgen up --brokers 3 --instances 2} starts, and where. */
class LocalStackScaleTest {

    @TempDir
    Path state;

    @Test
    void shouldRunAQuorumOfThreeAndTwoOfEveryServiceEachOnItsOwnPorts() {
        LocalStack stack = new LocalStack(state, state, LocalStack.Ports.defaults(), 0)
                .withScale(new LocalStack.Scale(3, 2));

        List<BrokerSettings> nodes = stack.brokerNodes();
        assertThat(nodes).extracting(BrokerSettings::nodeId).containsExactly(1, 2, 3);
        assertThat(nodes).extracting(BrokerSettings::voters).containsOnly("1@localhost:9093,2@localhost:9193,3@localhost:9293");
        assertThat(nodes).extracting(n -> n.dataDir().getFileName().toString()).containsExactly("kafka", "kafka-2", "kafka-3");
        assertThat(stack.bootstrapServers()).isEqualTo("localhost:9092,localhost:9192,localhost:9292");

        List<ServiceProcess> services = stack.services();
        assertThat(services).extracting(ServiceProcess::name).startsWith("coordinator", "coordinator-2", "ui-agent")
                .contains("ui-agent-2", "testing-agent-2").doesNotHaveDuplicates();
        assertThat(services).extracting(s -> s.health().getPort()).doesNotHaveDuplicates();
        ServiceProcess second = services.get(1);
        assertThat(second.health().getPort()).isEqualTo(8181);
        assertThat(second.environment()).containsEntry("SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS", "1")
                .containsEntry("SPRING_KAFKA_STREAMS_PROPERTIES_REPLICATION_FACTOR", "3")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        assertThat(second.environment().get("SPRING_KAFKA_STREAMS_STATEDIR")).endsWith("coordinator-state-2");
        // loopback only, every service
        assertThat(services).allSatisfy(s -> assertThat(s.environment()).containsAnyOf(
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"), Map.entry("SERVER_ADDRESS", "127.0.0.1")));
    }

    @Test
    void shouldRememberItsScaleForDownAndStatus() throws Exception {
        assertThat(LocalStack.Scale.recorded(state)).isEmpty();

        new LocalStack.Scale(3, 2).record(state);

        assertThat(LocalStack.Scale.recorded(state)).contains(new LocalStack.Scale(3, 2));
    }

    @Test
    void shouldRefuseATwoNodeQuorum() {
        assertThatThrownBy(() -> new LocalStack.Scale(2, 1)).hasMessageContaining("cannot lose either");
    }
}
