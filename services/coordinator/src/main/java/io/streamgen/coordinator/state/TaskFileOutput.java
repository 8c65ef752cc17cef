package io.streamgen.coordinator.state;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one attempt of a task did to one file, kept under its own key ({@code generationId/taskId/path})
 * so that the generation's state never holds file text: the regions' texts before the attempt first
 * touched them (to take its output back), its versions of regions another role owns (merged at
 * END), and the regions where a user's edit already beat it.
 */
public class TaskFileOutput {
    public String taskId;
    public int attempt;
    public String path;
    /** region → its text before this attempt first touched it (null: the attempt created the region). */
    public LinkedHashMap<String, String> touched = new LinkedHashMap<>();
    public LinkedHashMap<String, Contribution> contributions = new LinkedHashMap<>();
    public Set<String> overruled = new LinkedHashSet<>();

    public TaskFileOutput() {
    }

    public TaskFileOutput(String taskId, int attempt, String path) {
        this.taskId = taskId;
        this.attempt = attempt;
        this.path = path;
    }

    public boolean isEmpty() {
        return touched.isEmpty() && contributions.isEmpty() && overruled.isEmpty();
    }

    /** Its stored size: the pre-images and contributions it holds (each bounded by the per-file limit). */
    public long weight() {
        long weight = StoredSize.of(path) + StoredSize.of(taskId) + 64;
        for (var entry : touched.entrySet()) {
            weight += StoredSize.of(entry.getKey()) + StoredSize.of(entry.getValue()) + 8;
        }
        for (Contribution c : contributions.values()) {
            weight += StoredSize.of(c.region) * 2L + StoredSize.of(c.path) + StoredSize.of(c.text) + 48;
        }
        return weight;
    }
}
