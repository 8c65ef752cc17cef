package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.engine.Coordinator;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.GenerationContext;
import io.streamgen.coordinator.engine.Outbox;
import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.topology.StateSerde;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A generation the way the template model writes one at rate 0, for a blueprint of any size: three
 * roles at once (parallel), SKELETON then FEATURES, each task writing its share of the entities as
 * files of several regions, one JavaScript statement line per chunk, then END and DONE. Every record
 * goes through what the processor does (decode, load the state and what the record touches, run the
 * engine, flush, save, encode the events), on {@link MemoryStores}.
 */
public final class TemplateLikeWorkload {

    static final List<Role> ROLES = List.of(Role.API, Role.LOGIC, Role.UI);
    static final List<Phase> PHASES = List.of(Phase.SKELETON, Phase.FEATURES);
    /** Per file: regions, and statement lines per region (about 16 KB of code a file). */
    static final int REGIONS_PER_FILE = 8;
    static final int LINES_PER_REGION = 48;

    /** What a run did: its code, records, time and the largest value any store held. */
    public record Outcome(long codeBytes, long records, long files, double seconds, int largestValue,
            int largestState, int largestCheckpoint, boolean completed, String failure) {
    }

    private final Coordinator engine = new Coordinator(EngineSettings.defaults());
    private final StateSerde<GenerationState> states = new StateSerde<>(GenerationState.class);
    private final AvroSerializer<org.apache.avro.specific.SpecificRecord> writer = new AvroSerializer<>();
    private final AvroDeserializer<CodeChunk> chunks = new AvroDeserializer<>(CodeChunk.class);
    private final AvroDeserializer<AgentStatus> statuses = new AvroDeserializer<>(AgentStatus.class);
    private final AvroSerializer<GenerationEvent> events = new AvroSerializer<>();

    private MemoryStores memory;
    private EngineStores stores;
    private byte[] state;
    private GenerationRequested request;
    private int largestState;
    private long records;
    private long clock;
    private String completion;
    private boolean completed;

    /** Runs one generation of about {@code targetBytes} of code. */
    public Outcome run(String id, long targetBytes) {
        memory = MemoryStores.create();
        stores = memory.engine;
        records = 0;
        completed = false;
        completion = null;
        largestState = 0;
        request = GenerationRequested.newBuilder().setGenerationId(id).setPrompt("bench")
                .setFlags(Flags.newBuilder().setParallel(true).setBufferSize(null).setPreview(false)
                        .setCheckpoint(false).setOptimize(false).setTest(false).setVerbose(false).build())
                .setRequestedBy("bench").setRequestedAt(Instant.ofEpochMilli(0)).build();
        long fileBytes = fileBytes(1000);
        int tasks = ROLES.size() * PHASES.size();
        long totalFiles = Math.max(tasks, (long) Math.ceil((double) targetBytes / fileBytes));
        long code = 0;
        long start = System.nanoTime();
        GenerationState fresh = Coordinator.newState(request);
        step(fresh, ctx -> engine.onRequest(ctx));
        int entity = 0;
        int task = 0;
        for (Phase phase : PHASES) {
            for (Role role : ROLES) {
                long filesPerTask = totalFiles / tasks + (task++ < totalFiles % tasks ? 1 : 0);
                String taskId = phase.name().toLowerCase(Locale.ROOT) + "-" + role.name().toLowerCase(Locale.ROOT);
                long seq = 0;
                for (long f = 0; f < filesPerTask; f++) {
                    int e = entity++;
                    String path = "src/" + role.name().toLowerCase(Locale.ROOT) + "/entity" + e + ".js";
                    for (int r = 0; r < REGIONS_PER_FILE; r++) {
                        for (int line = 0; line < LINES_PER_REGION; line++) {
                            String text = statement(e, r, line);
                            code += text.length();
                            chunk(id, taskId, role, phase, seq++, path, "part" + r, ChunkOp.APPEND, text);
                        }
                    }
                }
                chunk(id, taskId, role, phase, seq, "", null, ChunkOp.END, "");
                status(id, taskId, role, phase);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(code, records, totalFiles, seconds,
                memory.largestValue(), largestState, memory.checkpoints.largestValue(), completed, completion);
    }

    static long fileBytes(int entity) {
        long bytes = 0;
        for (int r = 0; r < REGIONS_PER_FILE; r++) {
            for (int line = 0; line < LINES_PER_REGION; line++) {
                bytes += statement(entity, r, line).length();
            }
        }
        return bytes;
    }

    /** Statement lines of one region: functions of a few lines each, so that every file parses. */
    static String statement(int entity, int region, int line) {
        int fn = line / 4;
        return switch (line % 4) {
            case 0 -> "export function entity" + entity + "Part" + region + "Fn" + fn + "(store, input) {\n";
            case 1 -> "  const item = store.get('entity" + entity + "', input.id ?? " + fn + ");\n";
            case 2 -> "  return { ...item, part: " + region + ", step: " + fn + " };\n";
            default -> "}\n";
        };
    }

    private void chunk(String id, String taskId, Role role, Phase phase, long seq, String path, String region,
            ChunkOp op, String text) {
        CodeChunk chunk = CodeChunk.newBuilder().setGenerationId(id).setTaskId(taskId).setAttempt(1).setSeq(seq)
                .setRole(role).setPhase(phase).setPath(path).setRegion(region).setOp(op).setText(text)
                .setStatementComplete(text.endsWith("}\n")).setTokenCount(text.length() / 4 + 1).setModel("template")
                .setProducedAt(Instant.ofEpochMilli(clock)).build();
        byte[] bytes = writer.serialize(Topics.CHUNKS.name(), chunk);
        CodeChunk decoded = chunks.deserialize(Topics.CHUNKS.name(), bytes);
        step(null, ctx -> engine.onChunk(ctx, decoded, clock));
    }

    private void status(String id, String taskId, Role role, Phase phase) {
        AgentStatus status = AgentStatus.newBuilder().setGenerationId(id).setTaskId(taskId).setAttempt(1).setRole(role)
                .setPhase(phase).setState(AgentState.DONE).setTokens(100).setTokensPerSecond(0.0).setModel("template")
                .setError(null).setAt(Instant.ofEpochMilli(clock)).build();
        AgentStatus decoded = statuses.deserialize(Topics.STATUS.name(), writer.serialize(Topics.STATUS.name(), status));
        step(null, ctx -> engine.onStatus(ctx, decoded));
    }

    /** One record as the processor handles it. */
    private void step(GenerationState fresh, java.util.function.Consumer<GenerationContext> handle) {
        clock++;
        records++;
        GenerationState current = fresh != null ? fresh : states.deserializer().deserialize("", state);
        Outbox outbox = new Outbox();
        GenerationContext ctx = new GenerationContext(current, request, stores, outbox, clock, clock);
        handle.accept(ctx);
        ctx.finish();
        stores.flush();
        state = states.serializer().serialize("", current);
        largestState = Math.max(largestState, state.length);
        for (GenerationEvent event : outbox.events()) {
            events.serialize(Topics.EVENTS.name(), event);
            if (event.getPayload() instanceof GenerationCompleted) {
                completed = true;
            } else if (event.getPayload() instanceof GenerationFailed failed) {
                completion = failed.getReason();
            }
        }
        outbox.messages().stream().filter(m -> m.target() != Outbox.Target.EVENTS)
                .forEach(m -> writer.serialize(Topics.EVENTS.name(), m.value()));
    }

    /** The stores of the last run. */
    public MemoryStores stores() {
        return memory;
    }
}
