package io.streamgen.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopicsScriptTest {

    static final Path COMMITTED = Path.of("..", "compose", "create-topics.sh");

    @Test
    void shouldCreateEveryCatalogueTopicWithItsConfiguration() {
        String script = TopicsScript.render();

        for (Topic<?> topic : Topics.all()) {
            assertThat(script).contains("create " + topic.name() + " " + topic.partitions());
            topic.config().forEach((k, v) -> assertThat(script).contains("--config " + k + "=" + v));
        }
    }

    @Test
    void shouldMatchTheCommittedComposeScript() throws Exception {
        if (Boolean.getBoolean("streamgen.topics.regenerate")) {
            Files.writeString(COMMITTED, TopicsScript.render());
        }
        assertThat(Files.readString(COMMITTED))
                .as("infra/compose/create-topics.sh is stale: regenerate it with "
                        + "./mvnw -pl infra/kafka-launcher test -Dstreamgen.topics.regenerate=true")
                .isEqualTo(TopicsScript.render());
    }
}
