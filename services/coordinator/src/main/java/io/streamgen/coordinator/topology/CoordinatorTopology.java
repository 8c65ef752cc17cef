package io.streamgen.coordinator.topology;

import io.streamgen.coordinator.engine.Coordinator;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SeedMessage;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.AvroSerde;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.Locale;
import java.util.Map;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The coordinator's topology (DESIGN §5), built by a pure factory: one source over the five
 * co-partitioned input topics, one processor with the state stores, and a sink per output topic.
 * Values are read as bytes so that the processor can send undecodable ones to the dead-letter topic.
 */
public final class CoordinatorTopology {

    public static final String SOURCE = "inputs";
    public static final String PROCESSOR = "coordinator";
    public static final String EVENTS_SINK = "events";
    public static final String CHECKPOINTS_SINK = "checkpoints";
    public static final String DLQ_SINK = "dead-letters";
    /** The coordinator's own loop for re-derivations from a checkpoint: see {@link #seedsTopic}. */
    public static final String SEEDS_SOURCE = "seeds-in";
    public static final String SEEDS_SINK = "seeds";
    /** The application id the topology is named for when none is given (the one in application.properties). */
    public static final String DEFAULT_APPLICATION_ID = "streamgen-coordinator";

    private CoordinatorTopology() {
    }

    public static Topology build(EngineSettings settings) {
        return build(settings, OpenTelemetry.noop());
    }

    public static Topology build(EngineSettings settings, OpenTelemetry openTelemetry) {
        Topology topology = new Topology();
        addTo(topology, settings, openTelemetry, DEFAULT_APPLICATION_ID);
        return topology;
    }

    /**
     * Adds the coordinator to {@code topology} (spring-kafka hands us the one it built); its spans
     * go to {@code openTelemetry} ({@link RecordTracing}); its seeds topic is named for {@code applicationId}.
     */
    public static void addTo(Topology topology, EngineSettings settings, OpenTelemetry openTelemetry,
            String applicationId) {
        RecordTracing tracing = new RecordTracing(openTelemetry);
        String seeds = seedsTopic(applicationId);
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.coPartitioned().stream().map(Topic::name).toArray(String[]::new));
        topology.addSource(SEEDS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), seeds);
        topology.addProcessor(PROCESSOR,
                () -> new CoordinatorProcessor(new Coordinator(settings), settings, System::currentTimeMillis, tracing,
                        seeds),
                SOURCE, SEEDS_SOURCE);
        Serde<String> keys = Serdes.String();
        store(topology, StoreNames.GENERATIONS, keys, new StateSerde<>(GenerationState.class), true);
        store(topology, StoreNames.REQUESTS, keys, AvroSerde.of(GenerationRequested.class), false);
        store(topology, StoreNames.FILES, keys, new StateSerde<>(SourceFile.class), true);
        store(topology, StoreNames.TASK_OUTPUT, keys, new StateSerde<>(TaskFileOutput.class), true);
        store(topology, StoreNames.CHANGES, keys, Serdes.Long(), true);
        store(topology, StoreNames.BLOBS, keys, new StateSerde<>(SourceFile.class), false);
        store(topology, StoreNames.MANIFESTS, keys, new StateSerde<>(ManifestEntry.class), false);
        store(topology, StoreNames.CHECKPOINTS, keys, AvroSerde.of(Checkpoint.class), false);
        store(topology, StoreNames.DEADLINES, keys, Serdes.Long(), true);
        for (Role role : Role.values()) {
            topology.addSink(taskSink(role), Topics.tasks(role).name(), new StringSerializer(), new AvroSerializer<>(),
                    PROCESSOR);
        }
        topology.addSink(EVENTS_SINK, Topics.EVENTS.name(), new StringSerializer(), new AvroSerializer<>(), PROCESSOR);
        topology.addSink(CHECKPOINTS_SINK, Topics.CHECKPOINTS.name(), new StringSerializer(), new AvroSerializer<>(),
                PROCESSOR);
        topology.addSink(DLQ_SINK, Topics.DLQ.name(), new StringSerializer(), new AvroSerializer<>(), PROCESSOR);
        topology.addSink(SEEDS_SINK, seeds, new StringSerializer(), new StateSerde<>(SeedMessage.class).serializer(),
                PROCESSOR);
    }

    /**
     * The coordinator's own topic, read and written only by this topology (like a foreign-key join's
     * subscription topics): a generation re-derived from checkpoint n of another asks the source's
     * task for the checkpoint's files, keyed by the source's id, and gets them back one per record,
     * keyed by its own id (see {@link SeedMessage}). Named like the changelogs,
     * {@code <application.id>-seeds}, so two applications never share it and the coordinator's
     * prefixed ACLs cover it; it must have the input topics' partition count (a key lands in the
     * partition of the task that owns it) and carries {@link Topics#MAX_MESSAGE_BYTES}:
     * {@link #seedsTopicConfig()}. The coordinator creates it before Kafka Streams starts.
     */
    public static String seedsTopic(String applicationId) {
        return applicationId + "-seeds";
    }

    /** The seeds topic's settings: one file per record, and a day is ample for records read at once. */
    public static Map<String, String> seedsTopicConfig() {
        return Map.of(Topics.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_MESSAGE_BYTES),
                "cleanup.policy", "delete", "retention.ms", Long.toString(java.time.Duration.ofDays(1).toMillis()));
    }

    /**
     * A persistent, changelogged store whose changelog topic carries the largest record the
     * coordinator writes (one file's worth: {@link Topics#MAX_MESSAGE_BYTES}).
     */
    private static <V> void store(Topology topology, String name, Serde<String> keys, Serde<V> values,
            boolean cached) {
        StoreBuilder<KeyValueStore<String, V>> builder = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), keys, values).withLoggingEnabled(changelogConfig());
        topology.addStateStore(cached ? builder.withCachingEnabled() : builder, PROCESSOR);
    }

    /** The changelog topics' settings (Kafka Streams creates them). */
    public static Map<String, String> changelogConfig() {
        return Map.of(Topics.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_MESSAGE_BYTES));
    }

    public static String taskSink(Role role) {
        return "tasks-" + role.name().toLowerCase(Locale.ROOT);
    }
}
