package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CheckpointFile;
import io.streamgen.schema.Phase;
import io.streamgen.schema.RegionSnapshot;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Stores the file set as checkpoint n, publishes it, and restores it on rollback. */
final class Checkpointer {

    /** A region a user created has no agent owner; the schema wants one, and UI is the user-facing role. */
    static final Role USER_REGION_OWNER = Role.UI;

    /**
     * Takes checkpoint n+1.
     *
     * @param rerunFrom index of the first phase to run again when rolling back to it
     */
    int take(GenerationContext ctx, Phase phase, String label, int rerunFrom) {
        GenerationState state = ctx.state();
        int id = ++state.lastCheckpointId;
        FileSet snapshot = ctx.files().copy();
        Checkpoint checkpoint = Checkpoint.newBuilder().setGenerationId(ctx.id()).setCheckpointId(id).setPhase(phase)
                .setLabel(label).setFiles(files(snapshot)).setCreatedAt(Instant.ofEpochMilli(ctx.now())).build();
        ctx.checkpoints().put(checkpoint, snapshot);
        ctx.outbox().checkpoint(Topics.checkpointKey(ctx.id(), id), checkpoint);
        state.rerunFrom.put(id, rerunFrom);
        state.statementsSinceCheckpoint = 0;
        ctx.emit(CheckpointTaken.newBuilder().setCheckpointId(id).setPhase(phase).setLabel(label)
                .setFiles(List.copyOf(snapshot.files.keySet())).build());
        return id;
    }

    /** The region's text at the last checkpoint: the base of a three-way merge. */
    String baseText(GenerationContext ctx, String path, String region) {
        int last = ctx.state().lastCheckpointId;
        if (last == 0) {
            return "";
        }
        return ctx.checkpoints().snapshot(ctx.id(), last).map(files -> files.file(path))
                .flatMap(file -> file.region(region)).map(r -> r.text).orElse("");
    }

    /** Checkpoint n of the generation, if it was taken (and its file set kept). */
    Optional<Checkpoint> find(GenerationContext ctx, int id) {
        Optional<FileSet> snapshot = ctx.checkpoints().snapshot(ctx.id(), id);
        Optional<Checkpoint> checkpoint = ctx.checkpoints().checkpoint(ctx.id(), id);
        if (snapshot.isEmpty() || checkpoint.isEmpty()) {
            return Optional.empty();
        }
        return checkpoint;
    }

    /**
     * Replaces the file set by checkpoint n's exactly, emitting the FileChanged events (with full
     * content) that bring a viewer to it.
     */
    void restore(GenerationContext ctx, int id) {
        FileSet target = ctx.checkpoints().snapshot(ctx.id(), id).orElseThrow().copy();
        FileSet current = ctx.files();
        for (Map.Entry<String, SourceFile> entry : List.copyOf(current.files.entrySet())) {
            if (!target.files.containsKey(entry.getKey())) {
                current.files.remove(entry.getKey());
                FileEvents.changed(ctx, entry.getKey(), entry.getValue().content(), null, entry.getValue().version + 1,
                        true, null);
            }
        }
        target.files.forEach((path, restored) -> {
            SourceFile now = current.file(path);
            String before = now == null ? null : now.content();
            boolean same = before != null && before.equals(restored.content());
            // versions only grow, so that a viewer never mistakes the restored file for an old one
            restored.version = same ? now.version : Math.max(restored.version, now == null ? 0 : now.version) + 1;
            current.files.put(path, restored);
            FileEvents.changed(ctx, path, before, restored, 0, true, null);
        });
    }

    private static Map<String, CheckpointFile> files(FileSet snapshot) {
        Map<String, CheckpointFile> files = new TreeMap<>();
        snapshot.files.forEach((path, file) -> {
            String content = file.content();
            files.put(path, CheckpointFile.newBuilder().setContent(content).setVersion(file.version)
                    .setSha256(SourceFile.sha256(content)).setRegions(file.regions.stream().map(Checkpointer::region)
                            .toList()).build());
        });
        return files;
    }

    private static RegionSnapshot region(Region region) {
        return RegionSnapshot.newBuilder().setName(region.name)
                .setOwner(region.owner == null ? USER_REGION_OWNER : region.owner).setVersion(region.version)
                .setText(region.text).build();
    }
}
