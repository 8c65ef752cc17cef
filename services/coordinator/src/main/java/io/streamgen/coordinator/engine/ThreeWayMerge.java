package io.streamgen.coordinator.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * A line-based three-way merge with JGit's merge algorithm: the region's text at the last
 * checkpoint is the base, the current text is "ours", the incoming agent's text "theirs".
 * Hunks that cannot be merged are kept with git-style conflict markers.
 */
public final class ThreeWayMerge {

    public record Outcome(String text, boolean conflicts) {
    }

    private ThreeWayMerge() {
    }

    public static Outcome merge(String base, String ours, String theirs, String oursName, String theirsName) {
        MergeResult<RawText> result = new MergeAlgorithm().merge(RawTextComparator.DEFAULT,
                raw(base), raw(ours), raw(theirs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, List.of("checkpoint", oursName, theirsName),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return new Outcome(out.toString(StandardCharsets.UTF_8), result.containsConflicts());
    }

    private static RawText raw(String text) {
        return new RawText(text.getBytes(StandardCharsets.UTF_8));
    }
}
