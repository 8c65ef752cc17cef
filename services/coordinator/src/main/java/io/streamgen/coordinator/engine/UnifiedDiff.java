package io.streamgen.coordinator.engine;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The unified diff a viewer applies to go from one version of a file to the next. */
public final class UnifiedDiff {

    private static final int CONTEXT_LINES = 3;
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(,\\d+)? \\+(\\d+)(,\\d+)? @@(.*)$");

    private UnifiedDiff() {
    }

    public static String between(String path, String before, String after) {
        return between(path, lines(before), lines(after), 0);
    }

    /**
     * The diff of a window of a file: {@code before} and {@code after} are the window's lines, which
     * start after the file's first {@code lineOffset} lines; hunk headers name the file's lines.
     */
    static String between(String path, List<String> before, List<String> after, int lineOffset) {
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, before, patch, CONTEXT_LINES);
        if (lineOffset > 0) {
            List<String> shifted = new ArrayList<>(diff.size());
            for (String line : diff) {
                shifted.add(line.startsWith("@@ ") ? shift(line, lineOffset) : line);
            }
            diff = shifted;
        }
        return String.join("\n", diff) + "\n";
    }

    private static String shift(String header, int offset) {
        Matcher m = HUNK.matcher(header);
        if (!m.matches()) {
            return header;
        }
        return "@@ -" + (Integer.parseInt(m.group(1)) + offset) + (m.group(2) == null ? "" : m.group(2)) + " +"
                + (Integer.parseInt(m.group(3)) + offset) + (m.group(4) == null ? "" : m.group(4)) + " @@"
                + m.group(5);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
