package io.streamgen.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two checkpoints of a generation, file by file, from the coordinator's
 * checkpoint views ({@code {checkpointId, phase, label, createdAt, files: {path: {content, version,
 * sha256}}}}).
 */
public final class CheckpointDiff {

    /**
     * One file that differs.
     *
     * @param change {@code added}, {@code removed} or {@code modified}
     * @param diff the unified diff from the first checkpoint's content to the second's; null when the
     *     coordinator no longer has one of the contents (then {@code detail} says so)
     */
    public record FileDiff(String path, String change, Integer fromVersion, Integer toVersion, String diff,
            String detail) {
    }

    public record Result(String generationId, int from, int to, List<FileDiff> files, List<String> unchanged) {
    }

    private CheckpointDiff() {
    }

    public static Result between(String generationId, JsonNode from, JsonNode to) {
        Map<String, JsonNode> before = files(from);
        Map<String, JsonNode> after = files(to);
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<FileDiff> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (String path : paths) {
            JsonNode a = before.get(path);
            JsonNode b = after.get(path);
            if (a != null && b != null && same(a, b)) {
                unchanged.add(path);
                continue;
            }
            String change = a == null ? "added" : b == null ? "removed" : "modified";
            String oldText = a == null ? "" : text(a);
            String newText = b == null ? "" : text(b);
            if (oldText == null || newText == null) {
                changed.add(new FileDiff(path, change, version(a), version(b), null,
                        "the coordinator no longer keeps this file's content at checkpoint "
                                + (oldText == null ? from.path("checkpointId").asInt() : to.path("checkpointId").asInt())));
            } else {
                changed.add(new FileDiff(path, change, version(a), version(b), UnifiedDiffs.between(path, oldText, newText),
                        null));
            }
        }
        return new Result(generationId, from.path("checkpointId").asInt(), to.path("checkpointId").asInt(), changed,
                unchanged);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        String shaA = a.path("sha256").asText("");
        String shaB = b.path("sha256").asText("");
        if (!shaA.isEmpty() && !shaB.isEmpty()) {
            return shaA.equals(shaB);
        }
        String textA = text(a);
        return textA != null && textA.equals(text(b));
    }

    private static Map<String, JsonNode> files(JsonNode checkpoint) {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        JsonNode node = checkpoint.path("files");
        if (!node.isObject()) {
            throw new ProblemException(502, "Bad Gateway", "the coordinator's checkpoint has no files object");
        }
        node.fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue()));
        return files;
    }

    private static String text(JsonNode file) {
        JsonNode content = file.get("content");
        return content == null || content.isNull() ? null : content.asText();
    }

    private static Integer version(JsonNode file) {
        return file == null || !file.has("version") ? null : file.get("version").asInt();
    }
}
