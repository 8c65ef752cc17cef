package io.streamgen.coordinator.query;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.ManifestEntry;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The JSON shapes of the interactive-query API. */
public final class Views {

    private Views() {
    }

    public record TaskView(String taskId, String role, String phase, int attempt, String stage, String agentState,
            long tokens, double tokensPerSecond, List<String> dependsOn) {
    }

    public record GenerationView(String generationId, String status, String phase, List<String> phases,
            double progress, boolean paused, int conflicts, long chunks, Integer lastCheckpointId,
            List<TaskView> tasks, Map<String, Boolean> requirements) {

        static GenerationView of(GenerationState state) {
            Map<String, Boolean> requirements = new TreeMap<>();
            state.requirements.forEach((name, r) -> requirements.put(name, r.provided));
            return new GenerationView(state.generationId, state.status.name(),
                    state.currentPhase().map(Enum::name).orElse(null),
                    state.phases.stream().map(Enum::name).toList(), state.progress(), state.pausedAll,
                    state.conflicts, state.chunks, state.lastCheckpointId == 0 ? null : state.lastCheckpointId,
                    state.tasks.values().stream().map(t -> new TaskView(t.taskId, t.role.name(), t.phase.name(),
                            t.attempt, t.stage.name(), t.agentState == null ? null : t.agentState.name(), t.tokens,
                            t.tokensPerSecond, List.copyOf(t.dependsOn))).toList(),
                    requirements);
        }
    }

    public record RegionView(String name, String owner, int version, boolean userEdited) {
    }

    public record FileView(String path, int version, String sha256, int length, List<RegionView> regions) {

        static List<FileView> of(FileSet files) {
            return files.files.values().stream().map(FileView::of).toList();
        }

        static FileView of(SourceFile file) {
            String content = file.content();
            return new FileView(file.path, file.version, SourceFile.sha256(content), content.length(),
                    file.regions.stream().map(r -> new RegionView(r.name, r.owner == null ? null : r.owner.name(),
                            r.version, r.userEdited)).toList());
        }
    }

    public record CheckpointSummary(int checkpointId, String phase, String label, Instant createdAt,
            List<String> files) {

        static CheckpointSummary of(Checkpoint checkpoint, List<ManifestEntry> manifest) {
            return new CheckpointSummary(checkpoint.getCheckpointId(), checkpoint.getPhase().name(),
                    checkpoint.getLabel(), checkpoint.getCreatedAt(), manifest.stream().map(e -> e.path).toList());
        }
    }

    public record CheckpointFileView(String content, int version, String sha256) {
    }

    public record CheckpointView(int checkpointId, String phase, String label, Instant createdAt,
            Map<String, CheckpointFileView> files) {

        /** The checkpoint with every file's content, from its manifest and the stored versions it names. */
        static CheckpointView of(Checkpoint checkpoint, List<ManifestEntry> manifest,
                Function<String, SourceFile> blobs) {
            Map<String, CheckpointFileView> files = new TreeMap<>();
            manifest.forEach(entry -> {
                SourceFile file = blobs.apply(entry.blob);
                files.put(entry.path, new CheckpointFileView(file == null ? null : file.content(), entry.version,
                        entry.sha256));
            });
            return new CheckpointView(checkpoint.getCheckpointId(), checkpoint.getPhase().name(), checkpoint.getLabel(),
                    checkpoint.getCreatedAt(), files);
        }
    }
}
