package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Region;
import io.streamgen.coordinator.state.SourceFile;
import java.util.Arrays;
import java.util.List;

/**
 * The unified diff of one region's change, computed over the lines the region spans (the line it
 * starts in through the line it ends in, before and after) rather than the whole file, with hunk
 * headers in the file's line numbers: a chunk costs its region, not its file.
 */
final class RegionDiff {

    private RegionDiff() {
    }

    /**
     * @param file the file after the change
     * @param index where the region is in {@code file} (or, when it was removed, where it was)
     * @param before the region's text before the change ("" when it is new)
     * @param after its text after ("" when it was removed)
     * @param removed the region is no longer in {@code file}
     */
    static String of(String path, SourceFile file, int index, String before, String after, boolean removed) {
        List<Region> regions = file.regions;
        int next = removed ? index : index + 1;
        // the preceding text: its lines before the region's first line only count, the line it shares is in the window
        int lineOffset = 0;
        String sharedHead = "";
        for (int i = 0; i < index; i++) {
            String text = regions.get(i).text;
            int newlines = count(text);
            if (newlines > 0) {
                lineOffset += newlines;
                sharedHead = text.substring(text.lastIndexOf('\n') + 1);
            } else {
                sharedHead = sharedHead + text;
            }
        }
        // the following text up to the end of the line the region ends in, unless both versions end a line
        StringBuilder sharedTail = new StringBuilder();
        boolean toEnd = true;
        if (!(before.endsWith("\n") && after.endsWith("\n"))) {
            for (int i = next; i < regions.size(); i++) {
                String text = regions.get(i).text;
                int newline = text.indexOf('\n');
                if (newline >= 0) {
                    sharedTail.append(text, 0, newline + 1);
                    toEnd = false;
                    break;
                }
                sharedTail.append(text);
            }
        } else {
            toEnd = regions.size() <= next || regions.subList(next, regions.size()).stream().allMatch(r -> r.text.isEmpty());
        }
        boolean wholeFile = lineOffset == 0 && toEnd; // then the file's own convention: empty is no lines
        String oldWindow = sharedHead + before + sharedTail;
        String newWindow = sharedHead + after + sharedTail;
        if (wholeFile) {
            return UnifiedDiff.between(path, oldWindow, newWindow);
        }
        return UnifiedDiff.between(path, lines(oldWindow, toEnd), lines(newWindow, toEnd), lineOffset);
    }

    /** A window's lines as the file's split counts them: a window that ends a line mid-file has no empty last line. */
    private static List<String> lines(String window, boolean toEnd) {
        List<String> lines = Arrays.asList(window.split("\n", -1));
        if (!toEnd && !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            return lines.subList(0, lines.size() - 1);
        }
        return lines;
    }

    private static int count(String text) {
        int count = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        return count;
    }
}
