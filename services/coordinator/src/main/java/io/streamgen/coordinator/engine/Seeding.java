package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.engine.store.Keys;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SeedMessage;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.Derivation;
import io.streamgen.schema.Phase;
import io.streamgen.schema.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A generation re-derived from checkpoint n of another (its request's {@code derivedFrom.fromCheckpoint}):
 * it starts with that checkpoint's files, regions and owners, and runs only the phases a rollback to n
 * would run again, each task answered from the source's recordings by the agents. The source lives in
 * another partition's stores, so the files travel as {@link SeedMessage}s over the coordinator's seeds
 * topic, one file per record, and the new generation's tasks start when the last one came.
 */
final class Seeding {

    private final Orchestrator orchestrator;
    private final Checkpointer checkpointer;

    Seeding(Orchestrator orchestrator, Checkpointer checkpointer) {
        this.orchestrator = orchestrator;
        this.checkpointer = checkpointer;
    }

    static boolean seeded(io.streamgen.schema.GenerationRequested request) {
        Derivation derivation = request.getDerivedFrom();
        return derivation != null && derivation.getFromCheckpoint() != null;
    }

    /** The new generation (started, no phase yet) asks the source's owner for the checkpoint's files. */
    void request(GenerationContext ctx) {
        Derivation derivation = ctx.request().getDerivedFrom();
        GenerationState state = ctx.state();
        state.seeding = new GenerationState.Seeding(derivation.getSourceGenerationId(), derivation.getFromCheckpoint());
        ctx.outbox().seed(SeedMessage.request(derivation.getSourceGenerationId(), ctx.id(),
                derivation.getFromCheckpoint()));
    }

    /**
     * On the source's side: answers a seed request with checkpoint n's files from the manifest and
     * blobs, one record each, then COMPLETE; or FAILED when the source or its checkpoint is unknown.
     * Writes nothing; {@code release} is called after each file so that a big checkpoint is not
     * held in memory at once.
     */
    static void answer(EngineStores stores, GenerationState source, SeedMessage request, Consumer<SeedMessage> send,
            Runnable release) {
        String sourceId = request.sourceId;
        int id = request.checkpointId;
        if (source == null) {
            send.accept(request.failed("cannot re-derive from checkpoint " + id + " of generation " + sourceId
                    + ": the coordinator does not know that generation"));
            return;
        }
        Checkpoint checkpoint = stores.checkpoints.get(Topics.checkpointKey(sourceId, id));
        Integer rerunFrom = source.rerunFrom.get(id);
        if (checkpoint == null || rerunFrom == null) {
            send.accept(request.failed("cannot re-derive from checkpoint " + id + " of generation " + sourceId
                    + ": it has " + (source.lastCheckpointId == 0 ? "no checkpoints"
                    : "checkpoints 1 to " + source.lastCheckpointId)));
            return;
        }
        List<ManifestEntry> entries = new ArrayList<>();
        stores.manifests.scan(Keys.checkpoint(sourceId, id), (key, entry) -> entries.add(entry));
        int sent = 0;
        for (ManifestEntry entry : entries) {
            SourceFile file = stores.blobs.get(entry.blob);
            if (file == null) {
                send.accept(request.failed("cannot re-derive from checkpoint " + id + " of generation " + sourceId
                        + ": its stored version of " + entry.path + " is gone"));
                return;
            }
            send.accept(request.file(file.copy()));
            sent++;
            release.run();
        }
        Phase rerunPhase = rerunFrom < source.phases.size() ? source.phases.get(rerunFrom) : null;
        SeedMessage complete = request.complete(sent, checkpoint.getPhase(), checkpoint.getLabel(), rerunPhase);
        complete.requirements.putAll(source.requirements);
        complete.context.putAll(source.context);
        send.accept(complete);
    }

    /** On the new generation's side: one of the answers. */
    void onAnswer(GenerationContext ctx, SeedMessage answer) {
        GenerationState state = ctx.state();
        GenerationState.Seeding seeding = state.seeding;
        if (seeding == null || !state.status.accepting() || !seeding.sourceId.equals(answer.sourceId)
                || seeding.checkpointId != answer.checkpointId) {
            return; // a redelivered answer after the seeding ended, or a cancelled generation
        }
        switch (answer.kind) {
            case FILE -> {
                SourceFile file = answer.file;
                SourceFile before = ctx.files().read(file.path);
                ctx.files().replace(file);
                FileEvents.changed(ctx, file.path, before == null ? null : before.content(), file, 0, true, null);
                seeding.filesApplied++;
            }
            case COMPLETE -> complete(ctx, answer);
            case FAILED -> {
                state.seeding = null;
                orchestrator.fail(ctx, answer.reason, false);
            }
            default -> {
            }
        }
    }

    private void complete(GenerationContext ctx, SeedMessage answer) {
        GenerationState state = ctx.state();
        GenerationState.Seeding seeding = state.seeding;
        if (seeding.filesApplied != answer.files) {
            state.seeding = null;
            orchestrator.fail(ctx, "cannot re-derive from checkpoint " + answer.checkpointId + " of generation "
                    + answer.sourceId + ": " + seeding.filesApplied + " of its " + answer.files + " files came", false);
            return;
        }
        state.seeding = null;
        answer.requirements.forEach(state.requirements::putIfAbsent);
        answer.context.forEach(state.context::putIfAbsent);
        int rerunFrom = answer.rerunFrom == null ? state.phases.size() : state.phases.indexOf(answer.rerunFrom);
        if (rerunFrom < 0) {
            orchestrator.fail(ctx, "cannot re-derive from checkpoint " + answer.checkpointId + " of generation "
                    + answer.sourceId + ": its phase " + answer.rerunFrom + " is not among this generation's "
                    + state.phases, false);
            return;
        }
        // checkpoint 1 is the seeded state: rolling back to it runs the same phases again
        Phase phase = answer.phase != null ? answer.phase : state.phases.get(Math.max(0, rerunFrom - 1));
        checkpointer.take(ctx, phase, "checkpoint " + answer.checkpointId + " of " + answer.sourceId
                + (answer.label == null ? "" : " (" + answer.label + ")"), rerunFrom);
        orchestrator.startPhase(ctx, rerunFrom);
    }
}
