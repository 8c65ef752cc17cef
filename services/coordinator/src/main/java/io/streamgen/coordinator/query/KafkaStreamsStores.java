package io.streamgen.coordinator.query;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.topology.StoreNames;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.topic.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/** {@link GenerationStores} over the running KafkaStreams instance's local stores. */
@Component
public class KafkaStreamsStores implements GenerationStores {

    private final StreamsBuilderFactoryBean streams;

    public KafkaStreamsStores(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Optional<GenerationState> generation(String generationId) {
        return Optional.ofNullable(this.<GenerationState>store(StoreNames.GENERATIONS).get(generationId));
    }

    @Override
    public Optional<FileSet> files(String generationId) {
        return Optional.ofNullable(this.<FileSet>store(StoreNames.FILES).get(generationId));
    }

    @Override
    public List<Checkpoint> checkpoints(String generationId) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (KeyValueIterator<String, Checkpoint> all = this.<Checkpoint>store(StoreNames.CHECKPOINTS)
                .prefixScan(generationId + "/", new StringSerializer())) {
            all.forEachRemaining((KeyValue<String, Checkpoint> entry) -> checkpoints.add(entry.value));
        }
        checkpoints.sort(Comparator.comparingInt(Checkpoint::getCheckpointId));
        return checkpoints;
    }

    @Override
    public Optional<Checkpoint> checkpoint(String generationId, int checkpointId) {
        return Optional.ofNullable(this.<Checkpoint>store(StoreNames.CHECKPOINTS)
                .get(Topics.checkpointKey(generationId, checkpointId)));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            throw new StoresUnavailableException("Kafka Streams is not running");
        }
        try {
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StoresUnavailableException("store " + name + " is not queryable yet: " + e.getMessage());
        }
    }

    /** The stores are rebalancing or restoring: try again shortly (503). */
    public static class StoresUnavailableException extends org.springframework.web.ErrorResponseException {
        public StoresUnavailableException(String detail) {
            super(HttpStatus.SERVICE_UNAVAILABLE, org.springframework.http.ProblemDetail
                    .forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail), null);
        }
    }
}
