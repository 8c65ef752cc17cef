package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Contribution;
import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.HeldChunk;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskStage;
import io.streamgen.coordinator.state.TaskState;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.ChunkRejected;
import io.streamgen.schema.event.ConflictResolved;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.ResolutionOutcome;
import io.streamgen.schema.event.ResolutionStrategy;
import io.streamgen.schema.path.GeneratedPath;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each task's chunks in {@code seq} order to the generation's files (DESIGN §5 Aggregation):
 * duplicates are dropped, chunks after a gap are held until it fills (up to a bound), and chunks of
 * superseded attempts are dropped. A task's chunks for a region make up that task's version of the
 * region (APPEND continues it, REPLACE restarts it): it takes the place of an earlier version by the
 * same role. A region another role owns is not written live: the task's version is collected until
 * END and merged with the current one by the generation's strategy.
 */
public final class ChunkAggregator {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkAggregator.class);

    private final EngineSettings settings;
    private final ConflictResolver resolver;
    private final Orchestrator orchestrator;
    private final Checkpointer checkpointer;
    private final Metrics metrics;

    ChunkAggregator(EngineSettings settings, ConflictResolver resolver, Orchestrator orchestrator,
            Checkpointer checkpointer, Metrics metrics) {
        this.settings = settings;
        this.resolver = resolver;
        this.orchestrator = orchestrator;
        this.checkpointer = checkpointer;
        this.metrics = metrics;
    }

    void onChunk(GenerationContext ctx, CodeChunk chunk, long wallClockMillis) {
        GenerationState state = ctx.state();
        TaskState task = state.tasks.get(chunk.getTaskId());
        if (!state.status.accepting() || task == null || task.stage != TaskStage.RELEASED
                || chunk.getAttempt() < task.attempt) {
            return; // cancelled, unknown, finished or superseded
        }
        if (chunk.getAttempt() > task.attempt) {
            TaskOutput.reset(ctx, task, chunk.getAttempt());
        }
        task.lastLifeAt = ctx.wallClock();
        if (chunk.getSeq() < task.nextSeq || task.held.containsKey(chunk.getSeq())) {
            return; // a duplicate
        }
        task.held.put(chunk.getSeq(), admitted(ctx, task, chunk));
        drain(ctx, task, wallClockMillis);
        if (task.held.size() > settings.maxHeldChunks()) {
            LOG.warn("generation {} task {}: gap at seq {} not filled after {} later chunks; skipping it",
                    ctx.id(), task.taskId, task.nextSeq, task.held.size());
            task.nextSeq = task.held.firstKey();
            drain(ctx, task, wallClockMillis);
        }
    }

    /**
     * The chunk as it may be applied: its path normalised by the one rule every module shares
     * ({@link GeneratedPath}), or, when the path is refused, a placeholder that keeps the chunk's
     * place in its task's sequence (so that later chunks and END still apply) and writes nothing.
     * END chunks carry no path.
     */
    private static HeldChunk admitted(GenerationContext ctx, TaskState task, CodeChunk chunk) {
        HeldChunk held = HeldChunk.of(chunk);
        if (chunk.getOp() == ChunkOp.END) {
            return held;
        }
        GeneratedPath.Result path = GeneratedPath.normalise(chunk.getPath());
        if (path.valid()) {
            held.path = path.path();
            return held;
        }
        ctx.emit(ChunkRejected.newBuilder().setTaskId(task.taskId).setRole(task.role).setPhase(task.phase)
                .setAttempt(task.attempt).setSeq(chunk.getSeq()).setPath(GeneratedPath.quote(chunk.getPath()))
                .setReason("path refused: " + path.reason()).build());
        held.rejected = true;
        held.path = "";
        held.text = "";
        return held;
    }

    private void drain(GenerationContext ctx, TaskState task, long wallClockMillis) {
        while (!task.held.isEmpty() && task.held.firstKey() == task.nextSeq && task.stage == TaskStage.RELEASED
                && ctx.state().status.accepting()) {
            HeldChunk chunk = task.held.pollFirstEntry().getValue();
            task.nextSeq++;
            if (!chunk.rejected) {
                apply(ctx, task, chunk, wallClockMillis);
            }
        }
    }

    private void apply(GenerationContext ctx, TaskState task, HeldChunk chunk, long wallClockMillis) {
        GenerationState state = ctx.state();
        metrics.chunkApplied(ctx, task.role, chunk.tokenCount, wallClockMillis - chunk.producedAt);
        if (ctx.flags().getPreview() && chunk.op != ChunkOp.END) {
            ctx.emit(DraftChunk.newBuilder().setTaskId(task.taskId).setRole(task.role).setPhase(task.phase)
                    .setPath(chunk.path).setRegion(chunk.region).setSeq(chunk.seq).setText(chunk.text).build());
        }
        if (chunk.op == ChunkOp.END) {
            task.endApplied = true;
            task.expectedAnnouncements = chunk.announcements;
            mergeContributions(ctx, task);
            orchestrator.taskProgress(ctx, task);
            return;
        }
        write(ctx, task, chunk);
        if (chunk.statementComplete) {
            state.statementsSinceCheckpoint++;
            if (ctx.flags().getCheckpoint() && settings.checkpointEveryStatements() > 0
                    && state.statementsSinceCheckpoint >= settings.checkpointEveryStatements()) {
                checkpointer.take(ctx, task.phase, state.statementsSinceCheckpoint + " statements",
                        state.phaseIndex);
            }
        }
    }

    private void write(GenerationContext ctx, TaskState task, HeldChunk chunk) {
        FileSet files = ctx.files();
        String regionName = chunk.region == null ? "" : chunk.region;
        String key = TaskOutput.regionKey(chunk.path, regionName);
        SourceFile file = files.file(chunk.path);
        Region region = file == null ? null : file.region(regionName).orElse(null);
        if (chunk.op == ChunkOp.DELETE && chunk.region == null) {
            deleteFile(ctx, task, file);
            return;
        }
        if (region != null && region.userEdited || file != null && file.userEdited) {
            overruled(ctx, task, chunk.path, regionName);
            return;
        }
        boolean othersRegion = region != null && region.owner != task.role && !task.touched.containsKey(key);
        if (othersRegion || task.contributions.containsKey(key)) {
            collect(task, key, chunk);
            return;
        }
        if (chunk.op == ChunkOp.DELETE && region == null) {
            return;
        }
        String before = file == null ? null : file.content();
        if (file == null) {
            file = new SourceFile(chunk.path);
            files.files.put(chunk.path, file);
        }
        boolean firstTouch = !task.touched.containsKey(key);
        if (firstTouch) {
            task.touched.put(key, region == null ? null : region.text);
        }
        if (region == null) {
            region = new Region(regionName, task.role, task.phase);
            file.regions.add(region);
        } else if (firstTouch) {
            // a task writes its whole version of a region: an earlier task's (or attempt's) version makes way
            region.text = "";
        }
        switch (chunk.op) {
            case APPEND -> region.text = region.text + chunk.text;
            case REPLACE -> region.text = chunk.text;
            case DELETE -> file.regions.remove(region);
            default -> throw new IllegalStateException("END is not a write");
        }
        region.version++;
        region.phase = task.phase;
        region.lastTaskId = task.taskId;
        region.lastAttempt = task.attempt;
        file.version++;
        if (file.regions.isEmpty()) {
            files.files.remove(chunk.path);
            FileEvents.changed(ctx, chunk.path, before, null, file.version, false, task.role);
        } else {
            FileEvents.changed(ctx, chunk.path, before, file, 0, false, task.role);
        }
    }

    private void deleteFile(GenerationContext ctx, TaskState task, SourceFile file) {
        if (file == null) {
            return;
        }
        if (file.userEdited || file.regions.stream().anyMatch(r -> r.userEdited)) {
            overruled(ctx, task, file.path, "");
            return;
        }
        String before = file.content();
        file.regions.forEach(r -> task.touched.putIfAbsent(TaskOutput.regionKey(file.path, r.name), r.text));
        ctx.files().files.remove(file.path);
        FileEvents.changed(ctx, file.path, before, null, file.version + 1, false, task.role);
    }

    private static void collect(TaskState task, String key, HeldChunk chunk) {
        Contribution contribution = task.contributions.computeIfAbsent(key,
                k -> new Contribution(chunk.path, TaskOutput.regionOf(k)));
        switch (chunk.op) {
            case APPEND -> contribution.text = contribution.text + chunk.text;
            case REPLACE -> {
                contribution.text = chunk.text;
                contribution.delete = false;
            }
            case DELETE -> contribution.delete = true;
            default -> {
            }
        }
    }

    /** At END: each region the task wrote that another role owns is resolved by the merge strategy. */
    private void mergeContributions(GenerationContext ctx, TaskState task) {
        for (Map.Entry<String, Contribution> entry : task.contributions.entrySet()) {
            Contribution contribution = entry.getValue();
            SourceFile file = ctx.files().file(contribution.path);
            Region region = file == null ? null : file.region(contribution.region).orElse(null);
            if (file != null && file.userEdited) {
                overruled(ctx, task, contribution.path, contribution.region);
                continue;
            }
            if (region == null) {
                createRegion(ctx, task, entry.getKey(), contribution);
                continue;
            }
            // the other role's whole version of the region, to be merged with the current one
            String incoming = contribution.delete ? null : contribution.text;
            ConflictResolver.Resolution resolution = resolver.resolve(ctx.request().getMergeStrategy(), region,
                    task.role, task.phase, incoming, checkpointer.baseText(ctx, contribution.path, region.name));
            String before = file.content();
            task.touched.putIfAbsent(entry.getKey(), region.text);
            if (resolution.text() == null) {
                file.regions.remove(region);
            } else if (!resolution.text().equals(region.text)) {
                region.text = resolution.text();
                region.version++;
                region.lastTaskId = task.taskId;
                region.lastAttempt = task.attempt;
            }
            if (resolution.outcome() == ResolutionOutcome.TOOK_INCOMING) {
                region.phase = task.phase;
            }
            if (!file.content().equals(before) || file.regions.isEmpty()) {
                file.version++;
                if (file.regions.isEmpty()) {
                    ctx.files().files.remove(file.path);
                    FileEvents.changed(ctx, file.path, before, null, file.version, false, task.role);
                } else {
                    FileEvents.changed(ctx, file.path, before, file, 0, false, task.role);
                }
            }
            announce(ctx, contribution.path, region.name, List.of(region.owner, task.role), resolution);
        }
        task.contributions.clear();
    }

    private void createRegion(GenerationContext ctx, TaskState task, String key, Contribution contribution) {
        if (contribution.delete) {
            return;
        }
        SourceFile file = ctx.files().files.computeIfAbsent(contribution.path, SourceFile::new);
        String before = file.regions.isEmpty() ? null : file.content();
        Region region = new Region(contribution.region, task.role, task.phase);
        region.text = contribution.text;
        region.version = 1;
        region.lastTaskId = task.taskId;
        region.lastAttempt = task.attempt;
        file.regions.add(region);
        file.version++;
        task.touched.putIfAbsent(key, null);
        FileEvents.changed(ctx, file.path, before, file, 0, false, task.role);
    }

    private void overruled(GenerationContext ctx, TaskState task, String path, String regionName) {
        if (task.overruled.add(TaskOutput.regionKey(path, regionName))) {
            announce(ctx, path, regionName, List.of(task.role), new ConflictResolver.Resolution(null,
                    ResolutionStrategy.USER_EDIT, ResolutionOutcome.KEPT_EXISTING, null,
                    "the user's edit wins over " + task.role));
        }
    }

    static void announce(GenerationContext ctx, String path, String region, List<Role> roles,
            ConflictResolver.Resolution resolution) {
        ctx.state().conflicts++;
        ctx.emit(ConflictResolved.newBuilder().setPath(path).setRegion(region)
                .setRoles(roles.stream().filter(java.util.Objects::nonNull).distinct().toList())
                .setStrategy(resolution.strategy()).setOutcome(resolution.outcome()).setWinner(resolution.winner())
                .setMessage(resolution.message()).build());
    }
}
