package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.FileChanged;
import io.streamgen.schema.event.FileOp;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Emits the FileChanged event that takes a viewer from one version of a file to the next. */
final class FileEvents {

    private FileEvents() {
    }

    /**
     * A change of the whole file (a delete, a restore, several regions taken back at once).
     *
     * @param before the content before the change, null if the file did not exist
     * @param after the file after the change, null if it was deleted
     * @param snapshot include the full content even for a modification (e.g. after a rollback)
     */
    static void changed(GenerationContext ctx, String path, String before, SourceFile after, int deletedVersion,
            boolean snapshot, Role author) {
        if (after == null) {
            if (before != null) {
                ctx.emit(FileChanged.newBuilder().setPath(path).setVersion(deletedVersion).setOp(FileOp.DELETED)
                        .setDiff(UnifiedDiff.between(path, before, "")).setContent(null)
                        .setAuthors(author == null ? List.of() : List.of(author)).setSha256(SourceFile.sha256(""))
                        .build());
            }
            return;
        }
        String content = after.content();
        if (before != null && before.equals(content)) {
            return;
        }
        boolean created = before == null;
        emit(ctx, after, content, created ? FileOp.CREATED : FileOp.MODIFIED,
                UnifiedDiff.between(path, created ? "" : before, content), created || snapshot, author);
    }

    /**
     * A change of one region of an existing file: the diff covers the region's lines only, and no
     * content is sent (a new file goes through {@link #changed}).
     *
     * @param index the region's place in {@code after} (where it was, when {@code removed})
     */
    static void regionChanged(GenerationContext ctx, SourceFile after, int index, String before, String now,
            boolean removed, Role author) {
        if (before.equals(now)) {
            return;
        }
        emit(ctx, after, after.content(), FileOp.MODIFIED, RegionDiff.of(after.path, after, index, before, now, removed),
                false, author);
    }

    private static void emit(GenerationContext ctx, SourceFile after, String content, FileOp op, String diff,
            boolean withContent, Role author) {
        Set<Role> authors = new LinkedHashSet<>(after.authors());
        if (author != null) {
            authors.add(author);
        }
        ctx.emit(FileChanged.newBuilder().setPath(after.path).setVersion(after.version).setOp(op).setDiff(diff)
                .setContent(withContent ? content : null).setAuthors(List.copyOf(authors))
                .setSha256(SourceFile.sha256(content)).build());
    }
}
