package io.streamgen.messaging;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
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

    /** The connector's switch for its per-record spans and trace headers, on every channel. */
    public static final String CONNECTOR_TRACING = "mp.messaging.connector.smallrye-kafka.tracing-enabled";

    /**
     * Whether the OpenTelemetry SDK is on: {@code quarkus.otel.sdk.disabled}, which the services
     * set from {@code OTEL_SDK_DISABLED} (default: disabled). Read before expressions are
     * expanded, so the variable itself is consulted when the property is one.
     */
    static boolean tracingOn(ConfigSourceContext context) {
        Boolean disabled = bool(context.getValue("quarkus.otel.sdk.disabled"));
        if (disabled == null) {
            disabled = bool(context.getValue("OTEL_SDK_DISABLED"));
        }
        return disabled != null && !disabled;
    }

    private static Boolean bool(ConfigValue value) {
        String text = value == null || value.getValue() == null ? "" : value.getValue().trim();
        return text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    @Override
    public final Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new LinkedHashMap<>();
        // with the SDK off, the connector's per-record tracing only costs (it was the agents' top frame
        // at full speed); on, it writes the trace context into every record's headers
        properties.put(CONNECTOR_TRACING, Boolean.toString(tracingOn(context)));
        incoming(context).forEach((channel, topic) -> properties.put("mp.messaging.incoming." + channel + ".topic", topic.name()));
        outgoing(context).forEach((channel, topic) -> properties.put("mp.messaging.outgoing." + channel + ".topic", topic.name()));
        properties.putAll(more(context));
        return List.of(new PropertiesConfigSource(properties, "streamgen-topic-catalogue", ORDINAL));
    }
}
