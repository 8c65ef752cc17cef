package io.streamgen.agent.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every agent channel its topic from the catalogue, so that no properties file spells a
 * topic name. Its ordinal (150) sits below application.properties and the environment, which can
 * still override any of it.
 */
public final class CatalogueConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        ConfigValue role = context.getValue("streamgen.agent.role");
        if (role != null && role.getValue() != null) {
            Role agentRole = Role.valueOf(role.getValue().trim().toUpperCase(Locale.ROOT));
            properties.put("mp.messaging.incoming.tasks.topic", Topics.tasks(agentRole).name());
            properties.put("mp.messaging.incoming.tasks.group.id",
                    "streamgen-agent-" + agentRole.name().toLowerCase(Locale.ROOT));
        }
        properties.put("mp.messaging.incoming.control.topic", Topics.CONTROL.name());
        properties.put("mp.messaging.incoming.bus-in.topic", Topics.BUS.name());
        properties.put("mp.messaging.outgoing.chunks.topic", Topics.CHUNKS.name());
        properties.put("mp.messaging.outgoing.status.topic", Topics.STATUS.name());
        properties.put("mp.messaging.outgoing.bus-out.topic", Topics.BUS.name());
        properties.put("mp.messaging.outgoing.dead-letters.topic", Topics.DLQ.name());
        return List.of(new PropertiesConfigSource(properties, "streamgen-topic-catalogue", ORDINAL));
    }
}
