package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Contribution;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.HeldChunk;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.StoredSize;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.coordinator.state.TaskStage;
import io.streamgen.coordinator.state.TaskState;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.ChunkRejected;
import io.streamgen.schema.event.ConflictResolved;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.event.ResolutionOutcome;
import io.streamgen.schema.event.ResolutionStrategy;
import io.streamgen.schema.event.TaskStateChanged;
import io.streamgen.schema.path.GeneratedPath;
import java.util.ArrayList;
import java.util.List;
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
        metrics.chunkApplied(ctx, task.role, chunk.model, chunk.tokenCount, wallClockMillis - chunk.producedAt);
        if (ctx.flags().getPreview() && chunk.op != ChunkOp.END) {
            ctx.emit(DraftChunk.newBuilder().setTaskId(task.taskId).setRole(task.role).setPhase(task.phase)
                    .setPath(chunk.path).setRegion(chunk.region).setSeq(chunk.seq).setText(chunk.text)
                    .setTokenCount(chunk.tokenCount).setProducedAt(java.time.Instant.ofEpochMilli(chunk.producedAt))
                    .build());
        }
        if (chunk.op == ChunkOp.END) {
            task.endApplied = true;
            task.expectedAnnouncements = chunk.announcements;
            mergeContributions(ctx, task);
            orchestrator.taskProgress(ctx, task);
            return;
        }
        write(ctx, task, chunk);
        if (task.stage != TaskStage.RELEASED || !state.status.accepting()) {
            return; // the chunk failed its task or the generation (a size limit)
        }
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
        GenerationFiles files = ctx.files();
        String regionName = chunk.region == null ? "" : chunk.region;
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
        TaskFileOutput output = files.output(task, chunk.path);
        boolean othersRegion = region != null && region.owner != task.role && !output.touched.containsKey(regionName);
        if (othersRegion || output.contributions.containsKey(regionName)) {
            collect(ctx, task, output, regionName, chunk);
            return;
        }
        if (chunk.op == ChunkOp.DELETE && region == null) {
            return;
        }
        boolean firstTouch = !output.touched.containsKey(regionName);
        if (!withinLimits(ctx, task, chunk, file, region, firstTouch)) {
            return;
        }
        if (firstTouch) {
            output.touched.put(regionName, region == null ? null : region.text);
            files.changed(task, output);
        }
        boolean created = file == null;
        if (created) {
            file = files.create(chunk.path);
        }
        String before = region == null ? "" : region.text;
        if (region == null) {
            region = new Region(regionName, task.role, task.phase);
            file.regions.add(region);
        } else if (firstTouch) {
            // a task writes its whole version of a region: an earlier task's (or attempt's) version makes way
            region.setText("");
        }
        int index = file.indexOf(region);
        switch (chunk.op) {
            case APPEND -> region.appendText(chunk.text);
            case REPLACE -> region.setText(chunk.text);
            case DELETE -> file.regions.remove(region);
            default -> throw new IllegalStateException("END is not a write");
        }
        region.version++;
        region.phase = task.phase;
        region.lastTaskId = task.taskId;
        region.lastAttempt = task.attempt;
        file.version++;
        if (file.regions.isEmpty()) {
            files.remove(chunk.path, file.version);
            FileEvents.changed(ctx, chunk.path, before, null, file.version, false, task.role);
        } else if (created) {
            FileEvents.changed(ctx, chunk.path, null, file, 0, false, task.role);
        } else {
            boolean removed = chunk.op == ChunkOp.DELETE;
            FileEvents.regionChanged(ctx, file, index, before, removed ? "" : region.text, removed, task.role);
        }
    }

    /**
     * Whether the chunk keeps its file and the generation within their size limits. A file over its
     * limit rejects the chunk and fails the task; a generation over its limit fails the generation.
     */
    private boolean withinLimits(GenerationContext ctx, TaskState task, HeldChunk chunk, SourceFile file, Region region,
            boolean firstTouch) {
        SizeLimits limits = settings.limits();
        String regionName = chunk.region == null ? "" : chunk.region;
        long text = StoredSize.of(chunk.text);
        long regionAfter = switch (chunk.op) {
            case APPEND -> (region == null || firstTouch ? 0 : region.bytes) + text;
            case REPLACE -> text;
            default -> 0;
        };
        long fileBefore = file == null ? 0 : file.weight();
        long fileAfter = (file == null ? StoredSize.of(chunk.path) : fileBefore) - (region == null ? 0 : region.weight())
                + (chunk.op == ChunkOp.DELETE ? 0 : regionAfter + StoredSize.of(regionName) + StoredSize.PER_REGION);
        if (fileAfter > limits.maxFileBytes()) {
            reject(ctx, task, chunk, "file " + chunk.path + " would grow to " + StoredSize.say(fileAfter)
                    + ", over the limit of " + StoredSize.say(limits.maxFileBytes()) + " per file");
            return false;
        }
        return withinGeneration(ctx, chunk.path, fileAfter - fileBefore);
    }

    private boolean withinGeneration(GenerationContext ctx, String path, long growth) {
        long limit = settings.limits().maxGenerationBytes();
        long after = ctx.generationBytes() + growth;
        if (growth > 0 && after > limit) {
            orchestrator.fail(ctx, "the generation would grow to " + StoredSize.say(after) + " with " + path
                    + ", over its limit of " + StoredSize.say(limit), false);
            return false;
        }
        return true;
    }

    /** The chunk is refused for its size: announced, and its task fails with the reason. */
    private void reject(GenerationContext ctx, TaskState task, HeldChunk chunk, String reason) {
        ctx.emit(ChunkRejected.newBuilder().setTaskId(task.taskId).setRole(task.role).setPhase(task.phase)
                .setAttempt(task.attempt).setSeq(chunk.seq).setPath(GeneratedPath.quote(chunk.path))
                .setReason(reason).build());
        failForSize(ctx, task, reason);
    }

    private void failForSize(GenerationContext ctx, TaskState task, String reason) {
        ctx.emit(TaskStateChanged.newBuilder().setTaskId(task.taskId).setRole(task.role).setPhase(task.phase)
                .setAttempt(task.attempt).setState(AgentState.FAILED).setTokens(task.tokens)
                .setTokensPerSecond(0.0).setError(reason).build());
        orchestrator.taskFailed(ctx, task, "task " + task.taskId + " failed: " + reason);
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
        TaskFileOutput output = ctx.files().output(task, file.path);
        file.regions.forEach(r -> output.touched.putIfAbsent(r.name, r.text));
        ctx.files().changed(task, output);
        ctx.files().remove(file.path, file.version + 1);
        FileEvents.changed(ctx, file.path, before, null, file.version + 1, false, task.role);
    }

    private void collect(GenerationContext ctx, TaskState task, TaskFileOutput output, String regionName,
            HeldChunk chunk) {
        Contribution contribution = output.contributions.get(regionName);
        String current = contribution == null ? "" : contribution.text;
        long after = StoredSize.of(chunk.op == ChunkOp.APPEND ? current : "") + StoredSize.of(chunk.text);
        if (chunk.op != ChunkOp.DELETE && after > settings.limits().maxFileBytes()) {
            reject(ctx, task, chunk, "its version of region " + regionName + " of " + chunk.path + " would grow to "
                    + StoredSize.say(after) + ", over the limit of " + StoredSize.say(settings.limits().maxFileBytes())
                    + " per file");
            return;
        }
        if (contribution == null) {
            contribution = new Contribution(chunk.path, regionName);
            output.contributions.put(regionName, contribution);
        }
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
        ctx.files().changed(task, output);
    }

    /** At END: each region the task wrote that another role owns is resolved by the merge strategy. */
    private void mergeContributions(GenerationContext ctx, TaskState task) {
        List<TaskFileOutput> outputs = new ArrayList<>();
        ctx.files().forEachOutput(task, outputs::add);
        for (TaskFileOutput output : outputs) {
            if (output.contributions.isEmpty()) {
                continue;
            }
            for (Contribution contribution : List.copyOf(output.contributions.values())) {
                if (!merge(ctx, task, output, contribution)) {
                    return; // the task failed
                }
            }
            output.contributions.clear();
            ctx.files().changed(task, output);
        }
    }

    /** Merges one contribution; false when it would take the file over its limit (the task then fails). */
    private boolean merge(GenerationContext ctx, TaskState task, TaskFileOutput output, Contribution contribution) {
        GenerationFiles files = ctx.files();
        SourceFile file = files.file(contribution.path);
        Region region = file == null ? null : file.region(contribution.region).orElse(null);
        if (file != null && file.userEdited) {
            overruled(ctx, task, contribution.path, contribution.region);
            return true;
        }
        if (region == null) {
            return createRegion(ctx, task, output, contribution);
        }
        // the other role's whole version of the region, to be merged with the current one
        String incoming = contribution.delete ? null : contribution.text;
        ConflictResolver.Resolution resolution = resolver.resolve(ctx.request().getMergeStrategy(), region,
                task.role, task.phase, incoming, checkpointer.baseText(ctx, contribution.path, region.name));
        if (resolution.text() != null) {
            long after = file.weight() - region.bytes + StoredSize.of(resolution.text());
            if (after > settings.limits().maxFileBytes()) {
                failForSize(ctx, task, "merging region " + region.name + " would grow file " + file.path + " to "
                        + StoredSize.say(after) + ", over the limit of "
                        + StoredSize.say(settings.limits().maxFileBytes()) + " per file");
                return false;
            }
            if (!withinGeneration(ctx, file.path, after - file.weight())) {
                return false;
            }
        }
        String before = region.text;
        int index = file.indexOf(region);
        output.touched.putIfAbsent(region.name, region.text);
        files.changed(task, output);
        boolean removed = resolution.text() == null;
        if (removed) {
            file.regions.remove(region);
        } else if (!resolution.text().equals(region.text)) {
            region.setText(resolution.text());
            region.version++;
            region.lastTaskId = task.taskId;
            region.lastAttempt = task.attempt;
        }
        if (resolution.outcome() == ResolutionOutcome.TOOK_INCOMING) {
            region.phase = task.phase;
        }
        if (removed || !region.text.equals(before)) {
            file.version++;
            if (file.regions.isEmpty()) {
                files.remove(file.path, file.version);
                FileEvents.changed(ctx, file.path, before, null, file.version, false, task.role);
            } else {
                FileEvents.regionChanged(ctx, file, index, before, removed ? "" : region.text, removed, task.role);
            }
        }
        announce(ctx, contribution.path, region.name, List.of(region.owner, task.role), resolution);
        return true;
    }

    private boolean createRegion(GenerationContext ctx, TaskState task, TaskFileOutput output,
            Contribution contribution) {
        if (contribution.delete) {
            return true;
        }
        GenerationFiles files = ctx.files();
        SourceFile existing = files.file(contribution.path);
        long growth = StoredSize.of(contribution.text) + StoredSize.of(contribution.region) + StoredSize.PER_REGION
                + (existing == null ? StoredSize.of(contribution.path) : 0);
        long after = (existing == null ? 0 : existing.weight()) + growth;
        if (after > settings.limits().maxFileBytes()) {
            failForSize(ctx, task, "region " + contribution.region + " would grow file " + contribution.path + " to "
                    + StoredSize.say(after) + ", over the limit of "
                    + StoredSize.say(settings.limits().maxFileBytes()) + " per file");
            return false;
        }
        if (!withinGeneration(ctx, contribution.path, growth)) {
            return false;
        }
        SourceFile file = existing == null ? files.create(contribution.path) : existing;
        boolean created = file.regions.isEmpty();
        Region region = new Region(contribution.region, task.role, task.phase);
        region.setText(contribution.text);
        region.version = 1;
        region.lastTaskId = task.taskId;
        region.lastAttempt = task.attempt;
        file.regions.add(region);
        file.version++;
        output.touched.putIfAbsent(contribution.region, null);
        files.changed(task, output);
        if (created) {
            FileEvents.changed(ctx, file.path, null, file, 0, false, task.role);
        } else {
            FileEvents.regionChanged(ctx, file, file.regions.size() - 1, "", region.text, false, task.role);
        }
        return true;
    }

    private void overruled(GenerationContext ctx, TaskState task, String path, String regionName) {
        TaskFileOutput output = ctx.files().output(task, path);
        if (output.overruled.add(regionName)) {
            ctx.files().changed(task, output);
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
