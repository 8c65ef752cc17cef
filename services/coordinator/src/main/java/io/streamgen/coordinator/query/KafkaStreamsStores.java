package io.streamgen.coordinator.query;

import io.streamgen.coordinator.engine.store.Keys;
import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.topology.StoreNames;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.topic.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
    public FileSet files(String generationId) {
        FileSet files = new FileSet();
        this.<SourceFile>scan(StoreNames.FILES, Keys.generation(generationId), file -> files.files.put(file.path, file));
        return files;
    }

    @Override
    public Optional<SourceFile> file(String generationId, String path) {
        return Optional.ofNullable(this.<SourceFile>store(StoreNames.FILES).get(Keys.file(generationId, path)));
    }

    @Override
    public List<Checkpoint> checkpoints(String generationId) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        this.<Checkpoint>scan(StoreNames.CHECKPOINTS, generationId + "/", checkpoints::add);
        checkpoints.sort(Comparator.comparingInt(Checkpoint::getCheckpointId));
        return checkpoints;
    }

    @Override
    public Optional<Checkpoint> checkpoint(String generationId, int checkpointId) {
        return Optional.ofNullable(this.<Checkpoint>store(StoreNames.CHECKPOINTS)
                .get(Topics.checkpointKey(generationId, checkpointId)));
    }

    @Override
    public List<ManifestEntry> manifest(String generationId, int checkpointId) {
        List<ManifestEntry> entries = new ArrayList<>();
        this.<ManifestEntry>scan(StoreNames.MANIFESTS, Keys.checkpoint(generationId, checkpointId), entries::add);
        entries.sort(Comparator.comparing(e -> e.path));
        return entries;
    }

    @Override
    public Optional<SourceFile> blob(String sha256) {
        return Optional.ofNullable(this.<SourceFile>store(StoreNames.BLOBS).get(sha256));
    }

    private <V> void scan(String name, String prefix, Consumer<V> values) {
        try (KeyValueIterator<String, V> all = this.<V>store(name).prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining((KeyValue<String, V> entry) -> values.accept(entry.value));
        }
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
