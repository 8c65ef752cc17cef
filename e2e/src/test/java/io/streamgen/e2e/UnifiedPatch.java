package io.streamgen.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@code FileChanged} event's unified diff to the file's previous content, as a viewer
 * does. Lines are the text split on {@code \n} (an empty text has none), like the coordinator's
 * diffs; hunks name the whole file's lines. Each hunk's line counts say how many lines it spans,
 * so a removed line that starts with {@code --} is never mistaken for a header.
 */
final class UnifiedPatch {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

    private UnifiedPatch() {
    }

    /** {@code before} with {@code diff} applied; throws {@link IllegalArgumentException} when it does not apply. */
    static String apply(String before, String diff) {
        if (diff == null || diff.isEmpty()) {
            return before;
        }
        List<String> old = before.isEmpty() ? List.of() : Arrays.asList(before.split("\n", -1));
        List<String> lines = Arrays.asList(diff.split("\n", -1));
        List<String> out = new ArrayList<>();
        int next = 0; // index into old of the next line not yet copied
        int i = 0;
        while (i < lines.size()) {
            Matcher hunk = HUNK.matcher(lines.get(i));
            if (!hunk.matches()) {
                i++; // ---/+++ headers, the trailing empty string
                continue;
            }
            int oldStart = Integer.parseInt(hunk.group(1));
            int oldCount = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
            int newCount = hunk.group(4) == null ? 1 : Integer.parseInt(hunk.group(4));
            int from = oldCount == 0 ? oldStart : oldStart - 1; // -N,0 inserts after line N
            if (from < next || from > old.size()) {
                throw new IllegalArgumentException("hunk " + lines.get(i) + " does not fit a file of " + old.size() + " lines");
            }
            out.addAll(old.subList(next, from));
            next = from;
            i++;
            int removed = 0;
            int added = 0;
            while (removed < oldCount || added < newCount) {
                if (i >= lines.size()) {
                    throw new IllegalArgumentException("hunk cut short at line " + i + " of the diff");
                }
                String line = lines.get(i++);
                char kind = line.isEmpty() ? ' ' : line.charAt(0);
                String text = line.isEmpty() ? "" : line.substring(1);
                switch (kind) {
                    case ' ' -> {
                        expect(old, next, text);
                        out.add(text);
                        next++;
                        removed++;
                        added++;
                    }
                    case '-' -> {
                        expect(old, next, text);
                        next++;
                        removed++;
                    }
                    case '+' -> {
                        out.add(text);
                        added++;
                    }
                    case '\\' -> { } // "\ No newline at end of file"
                    default -> throw new IllegalArgumentException("not a hunk line: " + line);
                }
            }
        }
        out.addAll(old.subList(next, old.size()));
        return String.join("\n", out);
    }

    private static void expect(List<String> old, int index, String text) {
        if (index >= old.size() || !old.get(index).equals(text)) {
            throw new IllegalArgumentException("line " + (index + 1) + " is "
                    + (index < old.size() ? "'" + old.get(index) + "'" : "past the end") + ", the diff expects '" + text + "'");
        }
    }
}
