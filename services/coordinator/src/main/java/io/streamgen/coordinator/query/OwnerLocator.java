package io.streamgen.coordinator.query;

import io.streamgen.coordinator.topology.StoreNames;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Finds the instance that owns a generation. Every store of the coordinator is keyed (or prefixed)
 * by the generation id in the same task, so the owner of the generations store's key owns them all.
 */
@Component
public class OwnerLocator {

    private final StreamsBuilderFactoryBean streams;

    public OwnerLocator(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /** This instance's {@code application.server} ({@code host:port}), as other instances reach it. */
    public String self() {
        Object self = streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return self == null ? "" : self.toString();
    }

    /** The other instance to ask, or empty when this instance owns the generation (or runs alone). */
    public Optional<HostInfo> remoteOwner(String generationId) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        Object self = streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (kafkaStreams == null || self == null) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = kafkaStreams.queryMetadataForKey(StoreNames.GENERATIONS, generationId,
                new StringSerializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return Optional.empty();
        }
        HostInfo owner = metadata.activeHost();
        return owner.equals(HostInfo.buildFromEndpoint(self.toString())) ? Optional.empty() : Optional.of(owner);
    }
}
