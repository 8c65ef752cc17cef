package io.streamgen.agent.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import io.streamgen.messaging.CatalogueTopics;
import io.streamgen.schema.Role;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every agent channel's topic from the catalogue; the tasks channel's topic and consumer group
 * follow from the service's role ({@code streamgen.agent.role}).
 */
public final class CatalogueConfigSourceFactory extends CatalogueTopics {

    private static Optional<Role> role(ConfigSourceContext context) {
        ConfigValue role = context.getValue("streamgen.agent.role");
        return role == null || role.getValue() == null ? Optional.empty()
                : Optional.of(Role.valueOf(role.getValue().trim().toUpperCase(Locale.ROOT)));
    }

    @Override
    protected Map<String, Topic<?>> incoming(ConfigSourceContext context) {
        Map<String, Topic<?>> channels = new HashMap<>(Map.of("control", Topics.CONTROL, "bus-in", Topics.BUS, "cache-in", Topics.CACHE));
        role(context).ifPresent(role -> channels.put("tasks", Topics.tasks(role)));
        return channels;
    }

    @Override
    protected Map<String, Topic<?>> outgoing(ConfigSourceContext context) {
        return Map.of("chunks", Topics.CHUNKS, "status", Topics.STATUS, "bus-out", Topics.BUS, "cache-out", Topics.CACHE,
                "dead-letters", Topics.DLQ);
    }

    @Override
    protected Map<String, String> more(ConfigSourceContext context) {
        return role(context).map(role -> Map.of("mp.messaging.incoming.tasks.group.id",
                "streamgen-agent-" + role.name().toLowerCase(Locale.ROOT))).orElse(Map.of());
    }
}
