package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.SeedMessage;
import java.util.function.Consumer;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import java.util.OptionalLong;

/**
 * The coordinator's engine without Kafka: one method per input record type, each working on one
 * generation's context and leaving what to publish in its outbox.
 */
public final class Coordinator {

    private final Orchestrator orchestrator;
    private final ChunkAggregator aggregator;
    private final ControlHandler control;
    private final Liveness liveness;
    private final Seeding seeding;

    public Coordinator(EngineSettings settings) {
        Metrics metrics = new Metrics(settings);
        Checkpointer checkpointer = new Checkpointer(settings.limits());
        AnalyticsMetrics analytics = new AnalyticsMetrics(io.micrometer.core.instrument.Metrics.globalRegistry);
        this.orchestrator = new Orchestrator(checkpointer, metrics, settings, analytics);
        this.aggregator = new ChunkAggregator(settings, new ConflictResolver(), orchestrator, checkpointer, metrics);
        this.control = new ControlHandler(orchestrator, checkpointer, settings.limits());
        this.liveness = new Liveness(settings, orchestrator);
        this.seeding = new Seeding(orchestrator, checkpointer);
    }

    /** A new generation's first state. */
    public static GenerationState newState(GenerationRequested request) {
        GenerationState state = new GenerationState();
        state.generationId = request.getGenerationId();
        return state;
    }

    public void onRequest(GenerationContext ctx) {
        if (Seeding.seeded(ctx.request())) {
            orchestrator.begin(ctx); // its phases start once the source's checkpoint files came
            seeding.request(ctx);
        } else {
            orchestrator.start(ctx);
        }
    }

    /** On the new generation of a re-derivation from a checkpoint: one of the source's answers. */
    public void onSeed(GenerationContext ctx, SeedMessage answer) {
        seeding.onAnswer(ctx, answer);
    }

    /**
     * On the source of a re-derivation from a checkpoint: its answer to a seed request, sent one
     * record at a time ({@code source} is null when the coordinator does not know the generation).
     */
    public static void answerSeed(EngineStores stores, GenerationState source, SeedMessage request,
            Consumer<SeedMessage> send, Runnable release) {
        Seeding.answer(stores, source, request, send, release);
    }

    public void onChunk(GenerationContext ctx, CodeChunk chunk, long wallClockMillis) {
        aggregator.onChunk(ctx, chunk, wallClockMillis);
    }

    public void onStatus(GenerationContext ctx, AgentStatus status) {
        orchestrator.onStatus(ctx, status);
    }

    public void onBus(GenerationContext ctx, AgentMessage message) {
        orchestrator.onBus(ctx, message);
    }

    public void onIntervention(GenerationContext ctx, Intervention intervention) {
        control.onIntervention(ctx, intervention);
    }

    /** Re-issues or fails the generation's tasks silent past their deadline (a wall-clock punctuation). */
    public void onDeadlines(GenerationContext ctx, long watchingSince) {
        liveness.check(ctx, watchingSince);
    }

    /** When the generation's tasks next need a look for silence; empty when none can time out. */
    public OptionalLong nextDeadline(GenerationState state, long watchingSince) {
        return liveness.nextCheck(state, watchingSince);
    }
}
