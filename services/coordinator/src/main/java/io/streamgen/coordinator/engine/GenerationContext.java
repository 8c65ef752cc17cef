package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import java.time.Instant;

/**
 * One generation while one input record is handled: its state and request, its files (read
 * through and written back per key, see {@link GenerationFiles}), the stores its checkpoints live
 * in, and the outbox for what it publishes. {@code now} is the input record's timestamp, so a
 * replay produces the same events.
 */
public final class GenerationContext {

    private final GenerationState state;
    private final GenerationRequested request;
    private final EngineStores stores;
    private final GenerationFiles files;
    private final Outbox outbox;
    private final long now;
    private final long wallClock;

    public GenerationContext(GenerationState state, GenerationRequested request, EngineStores stores, Outbox outbox,
            long now) {
        this(state, request, stores, outbox, now, now);
    }

    /** {@code wallClock}: the coordinator's own time, which deadlines are measured in. */
    public GenerationContext(GenerationState state, GenerationRequested request, EngineStores stores, Outbox outbox,
            long now, long wallClock) {
        this.state = state;
        this.request = request;
        this.stores = stores;
        this.files = new GenerationFiles(state.generationId, stores, state.retiredVersions);
        this.outbox = outbox;
        this.now = now;
        this.wallClock = wallClock;
    }

    public GenerationState state() {
        return state;
    }

    public GenerationRequested request() {
        return request;
    }

    public Flags flags() {
        return request.getFlags();
    }

    public GenerationFiles files() {
        return files;
    }

    public EngineStores stores() {
        return stores;
    }

    public Outbox outbox() {
        return outbox;
    }

    public long now() {
        return now;
    }

    /** The coordinator's wall clock while this record is handled (not part of any event: replays stay equal). */
    public long wallClock() {
        return wallClock;
    }

    public String id() {
        return state.generationId;
    }

    /** The stored size of the generation's files with this record's changes. */
    public long generationBytes() {
        return state.bytes + files.growth();
    }

    /**
     * Ends the record's handling: the generation's size and the paths changed for the next
     * checkpoint go into the state and stores; the caller then flushes the stores and saves the state.
     */
    public void finish() {
        state.bytes = generationBytes();
        files.markChanges();
    }

    /** Publishes one event with the generation's current progress. */
    public void emit(Object payload) {
        outbox.event(GenerationEvent.newBuilder().setGenerationId(state.generationId)
                .setAt(Instant.ofEpochMilli(now)).setProgress(state.progress()).setPayload(payload).build());
    }
}
