package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.GenerationStatus;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.StoredSize;
import io.streamgen.coordinator.state.TaskStage;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.ResolutionOutcome;
import io.streamgen.schema.event.ResolutionStrategy;
import io.streamgen.schema.event.RolledBack;
import io.streamgen.schema.path.GeneratedPath;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Applies interventions (DESIGN §3, issue 5 Control): pause and resume hold and release new tasks,
 * cancel ends the generation, steer adds text to later tasks, edit overrides a region, checkpoint
 * and rollback. Each one is echoed as InterventionApplied, refused ones with the reason.
 */
final class ControlHandler {

    private static final int REMEMBERED_INTERVENTIONS = 256;

    private final Orchestrator orchestrator;
    private final Checkpointer checkpointer;
    private final SizeLimits limits;

    ControlHandler(Orchestrator orchestrator, Checkpointer checkpointer, SizeLimits limits) {
        this.orchestrator = orchestrator;
        this.checkpointer = checkpointer;
        this.limits = limits;
    }

    void onIntervention(GenerationContext ctx, Intervention intervention) {
        GenerationState state = ctx.state();
        if (!state.appliedInterventions.add(intervention.getInterventionId())) {
            return; // a redelivered duplicate
        }
        if (state.appliedInterventions.size() > REMEMBERED_INTERVENTIONS) {
            Iterator<String> oldest = state.appliedInterventions.iterator();
            oldest.next();
            oldest.remove();
        }
        Optional<String> refusal = refusal(state, intervention);
        if (refusal.isPresent()) {
            echo(ctx, intervention, false, refusal.get());
            return;
        }
        switch (intervention.getAction()) {
            case PAUSE -> {
                if (intervention.getRole() == null) {
                    state.pausedAll = true;
                } else {
                    state.pausedRoles.add(intervention.getRole());
                }
                echo(ctx, intervention, true, "new tasks are held");
            }
            case RESUME -> {
                if (intervention.getRole() == null) {
                    state.pausedAll = false;
                    state.pausedRoles.clear();
                } else {
                    state.pausedRoles.remove(intervention.getRole());
                }
                echo(ctx, intervention, true, "held tasks are released");
                Liveness.restartClocks(ctx); // a pause is not silence
                orchestrator.advance(ctx);
            }
            case CANCEL -> {
                echo(ctx, intervention, true, "generation cancelled");
                orchestrator.fail(ctx, "cancelled", true);
            }
            case STEER -> {
                state.steering.put(intervention.getRole() == null ? "*" : intervention.getRole().name(),
                        intervention.getText());
                echo(ctx, intervention, true, "added to the instructions of later tasks");
            }
            case EDIT -> {
                Optional<String> tooBig = tooBig(ctx, intervention);
                if (tooBig.isPresent()) {
                    echo(ctx, intervention, false, tooBig.get());
                    return;
                }
                echo(ctx, intervention, true, "edited " + intervention.getPath());
                edit(ctx, intervention);
            }
            case CHECKPOINT -> {
                Phase phase = state.currentPhase().orElse(state.phases.get(state.phases.size() - 1));
                int rerun = state.status == GenerationStatus.COMPLETED ? state.phases.size() : state.phaseIndex;
                echo(ctx, intervention, true, "checkpoint " + (state.lastCheckpointId + 1));
                checkpointer.take(ctx, phase, "requested by " + intervention.getRequestedBy(), rerun);
            }
            case ROLLBACK -> rollback(ctx, intervention);
            default -> echo(ctx, intervention, false, "unknown action");
        }
    }

    private static Optional<String> refusal(GenerationState state, Intervention intervention) {
        InterventionAction action = intervention.getAction();
        if (state.status == GenerationStatus.CANCELLED) {
            return Optional.of("the generation was cancelled");
        }
        boolean ended = state.status != GenerationStatus.RUNNING;
        if (ended && action != InterventionAction.ROLLBACK && action != InterventionAction.CHECKPOINT
                && action != InterventionAction.EDIT) {
            return Optional.of("the generation has ended (" + state.status.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (state.seeding != null && action != InterventionAction.CANCEL && action != InterventionAction.PAUSE
                && action != InterventionAction.STEER) {
            return Optional.of("the generation is still receiving checkpoint " + state.seeding.checkpointId + " of "
                    + state.seeding.sourceId);
        }
        if (action == InterventionAction.EDIT && (intervention.getPath() == null || intervention.getText() == null)) {
            return Optional.of("an edit needs a path and a text");
        }
        if (action == InterventionAction.EDIT && !GeneratedPath.normalise(intervention.getPath()).valid()) {
            return Optional.of("the path " + GeneratedPath.quote(intervention.getPath()) + " is refused: "
                    + GeneratedPath.normalise(intervention.getPath()).reason());
        }
        if (action == InterventionAction.STEER && intervention.getText() == null) {
            return Optional.of("steering needs a text");
        }
        if (action == InterventionAction.ROLLBACK && intervention.getCheckpointId() == null) {
            return Optional.of("a rollback needs a checkpoint id");
        }
        return Optional.empty();
    }

    /** An edit that would take its file or the generation over their size limits is refused. */
    private Optional<String> tooBig(GenerationContext ctx, Intervention intervention) {
        String path = GeneratedPath.normalise(intervention.getPath()).path();
        SourceFile file = ctx.files().read(path);
        long before = file == null ? 0 : file.weight();
        long text = StoredSize.of(intervention.getText()) + StoredSize.PER_REGION;
        long after;
        if (intervention.getRegion() == null || file == null) {
            after = StoredSize.of(path) + text + StoredSize.of(intervention.getRegion());
        } else {
            after = before - file.region(intervention.getRegion()).map(Region::weight).orElse(0L) + text
                    + StoredSize.of(intervention.getRegion());
        }
        if (after > limits.maxFileBytes()) {
            return Optional.of("the edit would grow " + path + " to " + StoredSize.say(after) + ", over the limit of "
                    + StoredSize.say(limits.maxFileBytes()) + " per file");
        }
        long generation = ctx.generationBytes() + after - before;
        if (after > before && generation > limits.maxGenerationBytes()) {
            return Optional.of("the edit would grow the generation to " + StoredSize.say(generation)
                    + ", over its limit of " + StoredSize.say(limits.maxGenerationBytes()));
        }
        return Optional.empty();
    }

    /** A user's edit always wins: the region (or whole file) takes the text and keeps it against agents. */
    private void edit(GenerationContext ctx, Intervention intervention) {
        String path = GeneratedPath.normalise(intervention.getPath()).path(); // refusal() made sure it is valid
        String regionName = intervention.getRegion() == null ? "" : intervention.getRegion();
        SourceFile file = ctx.files().create(path);
        String before = file.regions.isEmpty() ? null : file.content();
        List<Role> overridden = (intervention.getRegion() == null ? file.regions.stream()
                : file.region(regionName).stream()).map(r -> r.owner).distinct().toList();
        Region region;
        if (intervention.getRegion() == null) {
            Role owner = file.regions.isEmpty() ? intervention.getRole() : file.regions.get(0).owner;
            file.regions.clear();
            file.userEdited = true;
            region = new Region("", owner, ctx.state().currentPhase().orElse(null));
            file.regions.add(region);
        } else {
            region = file.region(regionName).orElseGet(() -> {
                Region created = new Region(regionName, intervention.getRole(), ctx.state().currentPhase().orElse(null));
                file.regions.add(created);
                return created;
            });
        }
        region.setText(intervention.getText());
        region.userEdited = true;
        region.version++;
        file.version++;
        FileEvents.changed(ctx, path, before, file, 0, false, null);
        if (!overridden.isEmpty()) {
            ChunkAggregator.announce(ctx, path, regionName, overridden, new ConflictResolver.Resolution(region.text,
                    ResolutionStrategy.USER_EDIT, ResolutionOutcome.TOOK_INCOMING, null,
                    "edited by " + intervention.getRequestedBy()));
        }
    }

    /** Restores checkpoint n exactly and runs the phases after it again (with the steering text, if any). */
    private void rollback(GenerationContext ctx, Intervention intervention) {
        GenerationState state = ctx.state();
        int id = intervention.getCheckpointId();
        Optional<Checkpoint> checkpoint = checkpointer.find(ctx, id);
        Integer rerunFrom = state.rerunFrom.get(id);
        if (checkpoint.isEmpty() || rerunFrom == null) {
            echo(ctx, intervention, false, "no checkpoint " + id);
            return;
        }
        echo(ctx, intervention, true, "rolling back to checkpoint " + id);
        Phase rerunPhase = rerunFrom < state.phases.size() ? state.phases.get(rerunFrom) : null;
        ctx.emit(RolledBack.newBuilder().setCheckpointId(id).setPhase(checkpoint.get().getPhase())
                .setRerunFrom(rerunPhase).setSteering(intervention.getText()).build());
        checkpointer.restore(ctx, id);
        // tasks of the phases that run again are forgotten: their late chunks and statuses are dropped
        state.tasks.values().removeIf(t -> {
            boolean forgotten = state.phases.indexOf(t.phase) >= rerunFrom || t.stage == TaskStage.FAILED;
            if (forgotten) {
                ctx.files().dropOutputs(t);
            }
            return forgotten;
        });
        if (intervention.getText() != null) {
            state.steering.put("*", intervention.getText());
        }
        state.status = GenerationStatus.RUNNING;
        state.analytics.endedAt = -1; // it runs again: its analytics go on counting until its next end
        state.statementsSinceCheckpoint = 0;
        orchestrator.startPhase(ctx, rerunFrom);
    }

    private static void echo(GenerationContext ctx, Intervention intervention, boolean accepted, String detail) {
        ctx.emit(InterventionApplied.newBuilder().setInterventionId(intervention.getInterventionId())
                .setAction(intervention.getAction()).setRole(intervention.getRole()).setText(intervention.getText())
                .setRequestedBy(intervention.getRequestedBy()).setAccepted(accepted).setDetail(detail).build());
    }
}
