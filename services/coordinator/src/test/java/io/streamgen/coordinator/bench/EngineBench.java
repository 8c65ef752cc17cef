package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.engine.Coordinator;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.GenerationContext;
import io.streamgen.coordinator.engine.Outbox;
import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.engine.store.KeyValues;
import org.apache.kafka.common.serialization.Serde;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topics;
import java.time.Instant;
import java.util.List;

/**
 * What the coordinator's processor does per chunk, without Kafka: decode the chunk, load the
 * generation's state and the file it touches (as the stores keep them: {@link MemoryStores.Format}), run the
 * engine (sequencing, regions, unified diff), save state and file, encode the events. TopologyTestDriver is not used for this
 * figure because it flushes RocksDB after every record, which a running app does once per commit.
 */
final class EngineBench {

    private static final List<Role> ROLES = List.of(Role.API, Role.LOGIC, Role.UI);

    record Result(long chunks, double seconds, LatencyStats latency) {
    }

    static Result run(int generations, int chunksPerTask) {
        return run(generations, chunksPerTask, MemoryStores.Format.SMILE_DECODED_KEPT);
    }

    static Result run(int generations, int chunksPerTask, MemoryStores.Format format) {
        Coordinator engine = new Coordinator(EngineSettings.defaults());
        Serde<GenerationState> serde = format.serde(GenerationState.class);
        KeyValues<GenerationState> states = format.keep(MemoryStores.of(serde), state -> 1);
        AvroSerializer<CodeChunk> chunkWriter = new AvroSerializer<>();
        AvroDeserializer<CodeChunk> chunkReader = new AvroDeserializer<>(CodeChunk.class);
        AvroSerializer<io.streamgen.schema.GenerationEvent> eventWriter = new AvroSerializer<>();
        EngineStores stores = MemoryStores.create(format).engine;
        long total = (long) generations * ROLES.size() * chunksPerTask;
        long[] latencies = new long[(int) total];
        int n = 0;
        long start = System.nanoTime();
        for (int g = 0; g < generations; g++) {
            String id = "bench-" + g;
            GenerationRequested request = request(id);
            GenerationState fresh = Coordinator.newState(request);
            GenerationContext first = new GenerationContext(fresh, request, stores, new Outbox(), 0);
            engine.onRequest(first);
            first.finish();
            stores.flush();
            states.put(id, fresh);
            for (int seq = 0; seq < chunksPerTask; seq++) {
                for (Role role : ROLES) {
                    byte[] bytes = chunkWriter.serialize(Topics.CHUNKS.name(), chunk(id, role, seq));
                    long before = System.nanoTime();
                    CodeChunk chunk = chunkReader.deserialize(Topics.CHUNKS.name(), bytes);
                    GenerationState state = states.get(id);
                    Outbox outbox = new Outbox();
                    GenerationContext ctx = new GenerationContext(state, request, stores, outbox, seq);
                    engine.onChunk(ctx, chunk, System.currentTimeMillis());
                    ctx.finish();
                    stores.flush();
                    states.put(id, state);
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
}
