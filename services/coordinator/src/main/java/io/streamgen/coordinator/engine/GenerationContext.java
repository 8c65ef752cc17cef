package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import java.time.Instant;

/**
 * One generation while one input record is handled: its state, request and files, where its
 * checkpoints live, and the outbox for what it publishes. {@code now} is the input record's
 * timestamp, so a replay produces the same events.
 */
public final class GenerationContext {

    private final GenerationState state;
    private final GenerationRequested request;
    private final FileSet files;
    private final CheckpointStore checkpoints;
    private final Outbox outbox;
    private final long now;
    private final long wallClock;

    public GenerationContext(GenerationState state, GenerationRequested request, FileSet files,
            CheckpointStore checkpoints, Outbox outbox, long now) {
        this(state, request, files, checkpoints, outbox, now, now);
    }

    /** {@code wallClock}: the coordinator's own time, which deadlines are measured in. */
    public GenerationContext(GenerationState state, GenerationRequested request, FileSet files,
            CheckpointStore checkpoints, Outbox outbox, long now, long wallClock) {
        this.wallClock = wallClock;
        this.state = state;
        this.request = request;
        this.files = files;
        this.checkpoints = checkpoints;
        this.outbox = outbox;
        this.now = now;
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

    public FileSet files() {
        return files;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
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

    /** Publishes one event with the generation's current progress. */
    public void emit(Object payload) {
        outbox.event(GenerationEvent.newBuilder().setGenerationId(state.generationId)
                .setAt(Instant.ofEpochMilli(now)).setProgress(state.progress()).setPayload(payload).build());
    }
}
