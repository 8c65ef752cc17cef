package io.streamgen.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogueTopicsTest {

    /** A service with one channel each way and a consumer group. */
    static final class SampleService extends CatalogueTopics {
        @Override
        protected Map<String, Topic<?>> incoming(ConfigSourceContext context) {
            return Map.of("control", Topics.CONTROL);
        }

        @Override
        protected Map<String, Topic<?>> outgoing(ConfigSourceContext context) {
            return Map.of("requests", Topics.REQUESTS);
        }

        @Override
        protected Map<String, String> more(ConfigSourceContext context) {
            return Map.of("mp.messaging.incoming.control.group.id", "sample");
        }
    }

    private static SmallRyeConfig config(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder().withSources(new SampleService())
                .withSources(new PropertiesConfigSource(overrides, "application.properties", 250)).build();
    }

    @Test
    void givenNoOverride_thenEveryChannelReadsItsTopicFromTheCatalogue() {
        SmallRyeConfig config = config(Map.of());

        assertThat(config.getValue("mp.messaging.incoming.control.topic", String.class)).isEqualTo(Topics.CONTROL.name());
        assertThat(config.getValue("mp.messaging.outgoing.requests.topic", String.class)).isEqualTo(Topics.REQUESTS.name());
        assertThat(config.getValue("mp.messaging.incoming.control.group.id", String.class)).isEqualTo("sample");
    }

    @Test
    void givenAnOverrideInApplicationProperties_thenItWins() {
        SmallRyeConfig config = config(Map.of("mp.messaging.outgoing.requests.topic", "team-a.requests"));

        assertThat(config.getValue("mp.messaging.outgoing.requests.topic", String.class)).isEqualTo("team-a.requests");
    }

    @Test
    void givenTheSdkOff_thenTheConnectorTracesNoRecord_andOnceItIsOn_itDoes() {
        assertThat(config(Map.of()).getValue(CatalogueTopics.CONNECTOR_TRACING, Boolean.class))
                .as("off by default").isFalse();
        assertThat(config(Map.of("quarkus.otel.sdk.disabled", "true")).getValue(CatalogueTopics.CONNECTOR_TRACING,
                Boolean.class)).isFalse();
        assertThat(config(Map.of("quarkus.otel.sdk.disabled", "false")).getValue(CatalogueTopics.CONNECTOR_TRACING,
                Boolean.class)).isTrue();
        assertThat(config(Map.of("quarkus.otel.sdk.disabled", "${OTEL_SDK_DISABLED:true}", "OTEL_SDK_DISABLED", "false"))
                .getValue(CatalogueTopics.CONNECTOR_TRACING, Boolean.class))
                .as("the variable behind the services' expression").isTrue();
        assertThat(config(Map.of("quarkus.otel.sdk.disabled", "false",
                CatalogueTopics.CONNECTOR_TRACING, "false")).getValue(CatalogueTopics.CONNECTOR_TRACING, Boolean.class))
                .as("an operator's own setting wins").isFalse();
    }
}
