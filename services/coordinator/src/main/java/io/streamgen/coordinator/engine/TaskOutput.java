package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.FileSet;
import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskState;
import java.util.LinkedHashMap;
import java.util.Map;

/** Takes back what one attempt of a task wrote, when a newer attempt or a failure supersedes it. */
final class TaskOutput {

    static final char KEY_SEPARATOR = '\u0000';

    private TaskOutput() {
    }

    static String regionKey(String path, String region) {
        return path + KEY_SEPARATOR + region;
    }

    static String pathOf(String key) {
        return key.substring(0, key.indexOf(KEY_SEPARATOR));
    }

    static String regionOf(String key) {
        return key.substring(key.indexOf(KEY_SEPARATOR) + 1);
    }

    /** Restores every region the task touched to its text from before, and starts the task at {@code newAttempt}. */
    static void reset(GenerationContext ctx, TaskState task, int newAttempt) {
        FileSet files = ctx.files();
        Map<String, String> before = new LinkedHashMap<>();
        task.touched.forEach((key, text) -> {
            String path = pathOf(key);
            SourceFile file = files.file(path);
            if (file == null) {
                return;
            }
            before.putIfAbsent(path, file.content());
            Region region = file.region(regionOf(key)).orElse(null);
            if (region == null || region.userEdited) {
                return;
            }
            if (text == null) {
                file.regions.remove(region);
            } else {
                region.text = text;
                region.version++;
            }
        });
        before.forEach((path, content) -> {
            SourceFile file = files.file(path);
            if (file.regions.isEmpty()) {
                files.files.remove(path);
                FileEvents.changed(ctx, path, content, null, file.version + 1, false, task.role);
            } else if (!file.content().equals(content)) {
                file.version++;
                FileEvents.changed(ctx, path, content, file, 0, false, null);
            }
        });
        task.restart(newAttempt);
        ctx.state().attempts.merge(task.taskId, newAttempt, Math::max);
    }
}
