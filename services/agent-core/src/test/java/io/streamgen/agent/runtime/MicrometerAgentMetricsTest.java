package io.streamgen.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerAgentMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerAgentMetrics metrics = new MicrometerAgentMetrics(registry, "api");

    @Test
    void shouldCountTokensAndChunksPerModelOnOneMeterEach() {
        for (int i = 0; i < 5; i++) {
            metrics.tokens("template", 1);
        }
        metrics.tokens("gpt", 3);
        metrics.chunk("template", 16);
        metrics.chunk("template", 20);

        assertThat(registry.get("streamgen.agent.tokens").tags("role", "api", "model", "template").counter().count())
                .isEqualTo(5.0);
        assertThat(registry.get("streamgen.agent.tokens").tags("model", "gpt").counter().count()).isEqualTo(3.0);
        assertThat(registry.get("streamgen.agent.tokens").counters()).hasSize(2);
        assertThat(registry.get("streamgen.agent.chunks").tags("model", "template").counter().count()).isEqualTo(2.0);
        var sizes = registry.get("streamgen.agent.flush.tokens").tags("model", "template").summary();
        assertThat(sizes.count()).isEqualTo(2);
        assertThat(sizes.totalAmount()).isEqualTo(36.0);
    }
}
