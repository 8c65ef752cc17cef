package io.streamgen.gateway.api;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/**
 * Unified diffs as the coordinator writes them in {@code file-changed} events (its
 * {@code engine/UnifiedDiff}): lines are the text split on {@code \n} (an empty text has none),
 * three lines of context, {@code a/} and {@code b/} file names; "" when nothing changed.
 */
public final class UnifiedDiffs {

    private static final int CONTEXT_LINES = 3;

    private UnifiedDiffs() {
    }

    public static String between(String path, String before, String after) {
        List<String> old = lines(before);
        Patch<String> patch = DiffUtils.diff(old, lines(after));
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, old, patch,
                CONTEXT_LINES)) + "\n";
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
