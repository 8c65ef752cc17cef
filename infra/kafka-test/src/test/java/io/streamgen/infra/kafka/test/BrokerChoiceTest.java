package io.streamgen.infra.kafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerChoiceTest {

    @Test
    void shouldPreferAnExternalBrokerWhenConfigured() {
        TestKafka kafka = BrokerChoice.start(Map.of(TestKafka.BOOTSTRAP_ENV, " broker-1:9092 "));

        assertThat(kafka.kind()).isEqualTo(TestKafka.Kind.EXTERNAL);
        assertThat(kafka.bootstrapServers()).isEqualTo("broker-1:9092");
    }

    @Test
    void shouldNotAskDockerWhenSwitchedOff() {
        assertThat(BrokerChoice.dockerAvailable(Map.of(BrokerChoice.DOCKER_SWITCH_ENV, "false",
                "DOCKER_HOST", "unix:///nowhere.sock"))).isFalse();
    }
}
