package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.engine.CheckpointStore;
import io.streamgen.coordinator.engine.Coordinator;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.GenerationContext;
import io.streamgen.coordinator.engine.Outbox;
import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.topology.JsonSerde;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the coordinator's processor does per chunk, without Kafka: decode the chunk, load the
 * generation's state and files (JSON, as in the stores), run the engine (sequencing, regions,
 * unified diff), save state and files, encode the events. TopologyTestDriver is not used for this
 * figure because it flushes RocksDB after every record, which a running app does once per commit.
 */
final class EngineBench {

    private static final List<Role> ROLES = List.of(Role.API, Role.LOGIC, Role.UI);

    record Result(long chunks, double seconds, LatencyStats latency) {
    }

    static Result run(int generations, int chunksPerTask) {
        Coordinator engine = new Coordinator(EngineSettings.defaults());
        JsonSerde<GenerationState> states = new JsonSerde<>(GenerationState.class);
        JsonSerde<FileSet> fileSets = new JsonSerde<>(FileSet.class);
        AvroSerializer<CodeChunk> chunkWriter = new AvroSerializer<>();
        AvroDeserializer<CodeChunk> chunkReader = new AvroDeserializer<>(CodeChunk.class);
        AvroSerializer<io.streamgen.schema.GenerationEvent> eventWriter = new AvroSerializer<>();
        Map<String, byte[]> stateStore = new HashMap<>();
        Map<String, byte[]> fileStore = new HashMap<>();
        CheckpointStore checkpoints = new NoCheckpoints();
        long total = (long) generations * ROLES.size() * chunksPerTask;
        long[] latencies = new long[(int) total];
        int n = 0;
        long start = System.nanoTime();
        for (int g = 0; g < generations; g++) {
            String id = "bench-" + g;
            GenerationRequested request = request(id);
            GenerationState fresh = Coordinator.newState(request);
            FileSet files = Coordinator.newFiles();
            engine.onRequest(new GenerationContext(fresh, request, files, checkpoints, new Outbox(), 0));
            stateStore.put(id, states.serializer().serialize("", fresh));
            fileStore.put(id, fileSets.serializer().serialize("", files));
            for (int seq = 0; seq < chunksPerTask; seq++) {
                for (Role role : ROLES) {
                    byte[] bytes = chunkWriter.serialize(Topics.CHUNKS.name(), chunk(id, role, seq));
                    long before = System.nanoTime();
                    CodeChunk chunk = chunkReader.deserialize(Topics.CHUNKS.name(), bytes);
                    GenerationState state = states.deserializer().deserialize("", stateStore.get(id));
                    FileSet current = fileSets.deserializer().deserialize("", fileStore.get(id));
                    Outbox outbox = new Outbox();
                    engine.onChunk(new GenerationContext(state, request, current, checkpoints, outbox, seq),
                            chunk, System.currentTimeMillis());
                    stateStore.put(id, states.serializer().serialize("", state));
                    fileStore.put(id, fileSets.serializer().serialize("", current));
                    outbox.events().forEach(e -> eventWriter.serialize(Topics.EVENTS.name(), e));
                    latencies[n++] = System.nanoTime() - before;
                }
            }
        }
        return new Result(total, (System.nanoTime() - start) / 1e9, new LatencyStats(latencies));
    }

    static GenerationRequested request(String id) {
        return GenerationRequested.newBuilder().setGenerationId(id).setPrompt("bench")
                .setFlags(Flags.newBuilder().setParallel(true).setBufferSize(null).setPreview(false)
                        .setCheckpoint(false).setOptimize(false).setTest(false).setVerbose(false).build())
                .setRequestedBy("bench").setRequestedAt(Instant.now()).build();
    }

    /** One statement of a realistic size appended to the role's file. */
    static CodeChunk chunk(String id, Role role, long seq) {
        return CodeChunk.newBuilder().setGenerationId(id).setTaskId("skeleton-" + role.name().toLowerCase())
                .setAttempt(1).setSeq(seq).setRole(role).setPhase(Phase.SKELETON)
                .setPath("src/" + role.name().toLowerCase() + ".js").setRegion("main").setOp(ChunkOp.APPEND)
                .setText("  const item" + seq + " = await fetchTodo(" + seq + "); // statement " + seq + "\n")
                .setStatementComplete(true).setTokenCount(16).setModel("template").setProducedAt(Instant.now())
                .build();
    }

    private static final class NoCheckpoints implements CheckpointStore {
        @Override
        public void put(Checkpoint checkpoint, FileSet snapshot) {
        }

        @Override
        public Optional<Checkpoint> checkpoint(String generationId, int checkpointId) {
            return Optional.empty();
        }

        @Override
        public Optional<FileSet> snapshot(String generationId, int checkpointId) {
            return Optional.empty();
        }
    }
}
