package io.streamgen.coordinator.topology;

import io.streamgen.coordinator.engine.Coordinator;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.AvroSerde;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.Locale;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
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

    private CoordinatorTopology() {
    }

    public static Topology build(EngineSettings settings) {
        Topology topology = new Topology();
        addTo(topology, settings);
        return topology;
    }

    /** Adds the coordinator to {@code topology} (spring-kafka hands us the one it built). */
    public static void addTo(Topology topology, EngineSettings settings) {
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.coPartitioned().stream().map(Topic::name).toArray(String[]::new));
        topology.addProcessor(PROCESSOR,
                () -> new CoordinatorProcessor(new Coordinator(settings), settings, System::currentTimeMillis),
                SOURCE);
        Serde<String> keys = Serdes.String();
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.GENERATIONS),
                keys, new JsonSerde<>(GenerationState.class)).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.REQUESTS),
                keys, AvroSerde.of(GenerationRequested.class)), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.FILES),
                keys, new JsonSerde<>(FileSet.class)).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CHECKPOINTS),
                keys, AvroSerde.of(Checkpoint.class)), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CHECKPOINT_FILES),
                keys, new JsonSerde<>(FileSet.class)), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DEADLINES),
                keys, Serdes.Long()).withCachingEnabled(), PROCESSOR);
        for (Role role : Role.values()) {
            topology.addSink(taskSink(role), Topics.tasks(role).name(), new StringSerializer(), new AvroSerializer<>(),
                    PROCESSOR);
        }
        topology.addSink(EVENTS_SINK, Topics.EVENTS.name(), new StringSerializer(), new AvroSerializer<>(), PROCESSOR);
        topology.addSink(CHECKPOINTS_SINK, Topics.CHECKPOINTS.name(), new StringSerializer(), new AvroSerializer<>(),
                PROCESSOR);
        topology.addSink(DLQ_SINK, Topics.DLQ.name(), new StringSerializer(), new AvroSerializer<>(), PROCESSOR);
    }

    public static String taskSink(Role role) {
        return "tasks-" + role.name().toLowerCase(Locale.ROOT);
    }
}
