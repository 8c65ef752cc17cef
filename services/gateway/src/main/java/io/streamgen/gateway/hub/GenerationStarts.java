package io.streamgen.gateway.hub;

import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.publish.GenerationIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When each generation started, for finding its first event with offsets-for-times: from the
 * requests this gateway produced, the GenerationStarted events it saw, or the id's own UUIDv7 time.
 */
@ApplicationScoped
public class GenerationStarts {

    private final Map<String, Long> starts;
    private final long replayWindowMillis;

    GenerationStarts(GatewayConfig config) {
        int capacity = config.rememberedGenerations();
        this.starts = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        });
        this.replayWindowMillis = config.replayWindow().toMillis();
    }

    public void remember(String generationId, long epochMillis) {
        starts.merge(generationId, epochMillis, Math::min);
    }

    /** The earliest time the generation's events can carry; the replay window's start when unknown. */
    public long startOf(String generationId, long now) {
        Long known = starts.get(generationId);
        if (known != null) {
            return known;
        }
        OptionalLong fromId = GenerationIds.timeOf(generationId);
        return fromId.isPresent() ? fromId.getAsLong() : now - replayWindowMillis;
    }
}
