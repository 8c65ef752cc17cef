package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.engine.store.Keys;
import io.streamgen.coordinator.engine.store.Utf8Order;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.StoredSize;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.CheckpointFile;
import io.streamgen.schema.Phase;
import io.streamgen.schema.RegionSnapshot;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checkpoints as manifests of content-addressed file versions (DESIGN §5): checkpoint n is, per
 * path, the file's version, content sha256 and the key of its stored version in the blobs store.
 * Only files changed since the last checkpoint are hashed and stored again (an unchanged file is
 * the same blob). The published Checkpoint carries the files' content while the generation is
 * small, and is a manifest (content null) beyond that; a rollback restores from the manifest.
 */
final class Checkpointer {

    /** A region a user created has no agent owner; the schema wants one, and UI is the user-facing role. */
    static final Role USER_REGION_OWNER = Role.UI;

    private final SizeLimits limits;

    Checkpointer(SizeLimits limits) {
        this.limits = limits;
    }

    /**
     * Takes checkpoint n+1.
     *
     * @param rerunFrom index of the first phase to run again when rolling back to it
     */
    int take(GenerationContext ctx, Phase phase, String label, int rerunFrom) {
        GenerationState state = ctx.state();
        EngineStores stores = ctx.stores();
        int previous = state.lastCheckpointId;
        int id = ++state.lastCheckpointId;
        TreeMap<String, ManifestEntry> entries = new TreeMap<>(Utf8Order.COMPARATOR);
        if (previous > 0) {
            stores.manifests.scan(Keys.checkpoint(ctx.id(), previous), (key, entry) -> entries.put(entry.path, entry));
        }
        ctx.files().markChanges();
        List<String> changed = new ArrayList<>();
        stores.changes.scan(Keys.generation(ctx.id()), (key, marker) -> changed.add(key));
        for (String key : changed) {
            String path = Keys.pathOf(ctx.id(), key);
            SourceFile file = ctx.files().read(path);
            if (file == null) {
                entries.remove(path);
            } else {
                entries.put(path, store(stores, file));
            }
            stores.changes.delete(key);
        }
        entries.forEach((path, entry) -> stores.manifests.put(Keys.manifest(ctx.id(), id, path), entry));
        Checkpoint checkpoint = Checkpoint.newBuilder().setGenerationId(ctx.id()).setCheckpointId(id).setPhase(phase)
                .setLabel(label).setFiles(published(ctx, entries)).setCreatedAt(Instant.ofEpochMilli(ctx.now()))
                .build();
        String key = Topics.checkpointKey(ctx.id(), id);
        stores.checkpoints.put(key, checkpoint);
        ctx.outbox().checkpoint(key, checkpoint);
        state.rerunFrom.put(id, rerunFrom);
        state.statementsSinceCheckpoint = 0;
        ctx.emit(CheckpointTaken.newBuilder().setCheckpointId(id).setPhase(phase).setLabel(label)
                .setFiles(List.copyOf(new TreeMap<>(entries).keySet())).build());
        return id;
    }

    /** The file's version in the blobs store (once per distinct version) and its manifest entry. */
    private static ManifestEntry store(EngineStores stores, SourceFile file) {
        String blob = FileDigest.of(file);
        if (stores.blobs.get(blob) == null) {
            stores.blobs.put(blob, file.copy());
        }
        return new ManifestEntry(file.path, file.version, SourceFile.sha256(file.content()), blob, file.weight());
    }

    /**
     * The files as published: with content and regions up to {@link SizeLimits#inlineCheckpointBytes()}
     * in all, as a manifest beyond it; an empty map when even the manifest would not fit a record
     * (the coordinator still serves it).
     */
    private Map<String, CheckpointFile> published(GenerationContext ctx, TreeMap<String, ManifestEntry> entries) {
        // a file's text goes out twice when inline: as its content and as its regions
        long inline = 2 * entries.values().stream().mapToLong(e -> e.bytes).sum();
        Map<String, CheckpointFile> files = new TreeMap<>();
        if (inline <= limits.inlineCheckpointBytes()) {
            entries.forEach((path, entry) -> {
                SourceFile file = ctx.stores().blobs.get(entry.blob);
                files.put(path, CheckpointFile.newBuilder().setContent(file.content()).setVersion(entry.version)
                        .setSha256(entry.sha256).setRegions(file.regions.stream().map(Checkpointer::region).toList())
                        .build());
            });
            return files;
        }
        long manifestBytes = entries.keySet().stream().mapToLong(p -> StoredSize.of(p) + 96L).sum();
        if (manifestBytes > limits.recordBytes() / 2) {
            return files;
        }
        entries.forEach((path, entry) -> files.put(path, CheckpointFile.newBuilder().setContent(null)
                .setVersion(entry.version).setSha256(entry.sha256).setRegions(List.of()).build()));
        return files;
    }

    /** The region's text at the last checkpoint: the base of a three-way merge. */
    String baseText(GenerationContext ctx, String path, String region) {
        int last = ctx.state().lastCheckpointId;
        if (last == 0) {
            return "";
        }
        ManifestEntry entry = ctx.stores().manifests.get(Keys.manifest(ctx.id(), last, path));
        SourceFile file = entry == null ? null : ctx.stores().blobs.get(entry.blob);
        return file == null ? "" : file.region(region).map(r -> r.text).orElse("");
    }

    /** Checkpoint n of the generation, if it was taken. */
    Optional<Checkpoint> find(GenerationContext ctx, int id) {
        return Optional.ofNullable(ctx.stores().checkpoints.get(Topics.checkpointKey(ctx.id(), id)));
    }

    /**
     * Replaces the files by checkpoint n's exactly, from its manifest, emitting the FileChanged
     * events (with full content) that bring a viewer to it.
     */
    void restore(GenerationContext ctx, int id) {
        TreeMap<String, ManifestEntry> target = new TreeMap<>(Utf8Order.COMPARATOR);
        ctx.stores().manifests.scan(Keys.checkpoint(ctx.id(), id), (key, entry) -> target.put(entry.path, entry));
        GenerationFiles files = ctx.files();
        for (String path : files.paths()) {
            if (!target.containsKey(path)) {
                SourceFile gone = files.read(path);
                files.remove(path, gone.version + 1);
                FileEvents.changed(ctx, path, gone.content(), null, gone.version + 1, true, null);
            }
        }
        target.forEach((path, entry) -> {
            SourceFile restored = ctx.stores().blobs.get(entry.blob).copy();
            SourceFile now = files.read(path);
            String before = now == null ? null : now.content();
            boolean same = before != null && before.equals(restored.content());
            // versions only grow, so that a viewer never mistakes the restored file for an old one
            restored.version = same ? now.version : Math.max(restored.version, files.lastVersion(path)) + 1;
            files.replace(restored);
            FileEvents.changed(ctx, path, before, restored, 0, true, null);
        });
    }

    private static RegionSnapshot region(Region region) {
        return RegionSnapshot.newBuilder().setName(region.name)
                .setOwner(region.owner == null ? USER_REGION_OWNER : region.owner).setVersion(region.version)
                .setText(region.text).build();
    }
}
