package io.streamgen.gateway.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import io.streamgen.schema.topic.Topics;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the gateway's outgoing channels their topics from the catalogue, so that no properties file
 * spells a topic name. Ordinal 150: application.properties and the environment still win.
 */
public final class CatalogueConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = Map.of(
                "mp.messaging.outgoing.requests.topic", Topics.REQUESTS.name(),
                "mp.messaging.outgoing.control.topic", Topics.CONTROL.name());
        return List.of(new PropertiesConfigSource(properties, "streamgen-gateway-topic-catalogue", ORDINAL));
    }
}
