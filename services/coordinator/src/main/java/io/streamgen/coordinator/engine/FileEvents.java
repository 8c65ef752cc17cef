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
        Set<Role> authors = new LinkedHashSet<>(after.authors());
        if (author != null) {
            authors.add(author);
        }
        boolean created = before == null;
        ctx.emit(FileChanged.newBuilder().setPath(path).setVersion(after.version)
                .setOp(created ? FileOp.CREATED : FileOp.MODIFIED)
                .setDiff(UnifiedDiff.between(path, created ? "" : before, content))
                .setContent(created || snapshot ? content : null).setAuthors(List.copyOf(authors))
                .setSha256(SourceFile.sha256(content)).build());
    }
}
