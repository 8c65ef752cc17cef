package io.streamgen.coordinator.topology;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.PatchFailedException;
import java.util.Arrays;
import java.util.List;

/** Applies a FileChanged diff the way a viewer would, to check that diffs alone rebuild a file. */
public final class Patches {

    private Patches() {
    }

    public static String apply(String before, String diff) {
        if (diff.isEmpty()) {
            return before;
        }
        List<String> original = before.isEmpty() ? List.of() : Arrays.asList(before.split("\n", -1));
        try {
            List<String> patched = UnifiedDiffUtils.parseUnifiedDiff(Arrays.asList(diff.split("\n"))).applyTo(original);
            return String.join("\n", patched);
        } catch (PatchFailedException e) {
            throw new AssertionError("diff does not apply: " + diff, e);
        }
    }
}
