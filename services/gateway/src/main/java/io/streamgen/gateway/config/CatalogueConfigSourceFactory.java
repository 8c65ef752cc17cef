package io.streamgen.gateway.config;

import io.smallrye.config.ConfigSourceContext;
import io.streamgen.messaging.CatalogueTopics;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.Map;

/** The gateway's outgoing channels' topics from the catalogue (it reads events with its own consumers). */
public final class CatalogueConfigSourceFactory extends CatalogueTopics {

    @Override
    protected Map<String, Topic<?>> incoming(ConfigSourceContext context) {
        return Map.of();
    }

    @Override
    protected Map<String, Topic<?>> outgoing(ConfigSourceContext context) {
        return Map.of("requests", Topics.REQUESTS, "control", Topics.CONTROL);
    }
}
