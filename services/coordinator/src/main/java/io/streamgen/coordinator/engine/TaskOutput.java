package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.coordinator.state.TaskState;
import java.util.ArrayList;
import java.util.List;

/** Takes back what one attempt of a task wrote, when a newer attempt or a failure supersedes it. */
final class TaskOutput {

    private TaskOutput() {
    }

    /** Restores every region the task touched to its text from before, and starts the task at {@code newAttempt}. */
    static void reset(GenerationContext ctx, TaskState task, int newAttempt) {
        GenerationFiles files = ctx.files();
        List<TaskFileOutput> outputs = new ArrayList<>();
        files.forEachOutput(task, outputs::add);
        for (TaskFileOutput output : outputs) {
            if (output.touched.isEmpty()) {
                continue;
            }
            SourceFile file = files.file(output.path);
            if (file == null) {
                continue;
            }
            String before = file.content();
            output.touched.forEach((name, text) -> {
                Region region = file.region(name).orElse(null);
                if (region == null || region.userEdited) {
                    return;
                }
                if (text == null) {
                    file.regions.remove(region);
                } else {
                    region.setText(text);
                    region.version++;
                }
            });
            if (file.regions.isEmpty()) {
                files.remove(output.path, file.version + 1);
                FileEvents.changed(ctx, output.path, before, null, file.version + 1, false, task.role);
            } else if (!file.content().equals(before)) {
                file.version++;
                FileEvents.changed(ctx, output.path, before, file, 0, false, null);
            }
        }
        files.dropOutputs(task);
        if (newAttempt > task.attempt) {
            ctx.state().analytics.retries += newAttempt - task.attempt; // an agent's retry, a re-issue after silence
        }
        task.restart(newAttempt);
        ctx.state().attempts.merge(task.taskId, newAttempt, Math::max);
    }
}
