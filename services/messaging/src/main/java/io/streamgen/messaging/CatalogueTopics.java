package io.streamgen.messaging;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import io.streamgen.schema.topic.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives a service's SmallRye channels their topics from the catalogue, so that no properties file
 * spells a topic name. A service names its channels (registered as a {@link ConfigSourceFactory}
 * service); its ordinal, 150, sits below application.properties and the environment, which can
 * still override any of it.
 */
public abstract class CatalogueTopics implements ConfigSourceFactory {

    public static final int ORDINAL = 150;

    /** Incoming channel name → its topic. */
    protected abstract Map<String, Topic<?>> incoming(ConfigSourceContext context);

    /** Outgoing channel name → its topic. */
    protected abstract Map<String, Topic<?>> outgoing(ConfigSourceContext context);

    /** Other settings that follow from the catalogue (a consumer group, say). */
    protected Map<String, String> more(ConfigSourceContext context) {
        return Map.of();
    }

    @Override
    public final Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new LinkedHashMap<>();
        incoming(context).forEach((channel, topic) -> properties.put("mp.messaging.incoming." + channel + ".topic", topic.name()));
        outgoing(context).forEach((channel, topic) -> properties.put("mp.messaging.outgoing." + channel + ".topic", topic.name()));
        properties.putAll(more(context));
        return List.of(new PropertiesConfigSource(properties, "streamgen-topic-catalogue", ORDINAL));
    }
}
