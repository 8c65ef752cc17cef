package io.streamgen.source;

/**
 * Names of the regions of a file. Text a model writes outside any {@code @region} keeps its place:
 * the stretch before the first region is the file's head (the empty name), and the stretch after
 * region {@code X} is the gap region {@code after:X}. Gap regions are written back without markers.
 */
public final class Regions {

    /** The file's head: text before its first region, or the whole of a file without markers. */
    public static final String HEAD = "";

    private static final String AFTER = "after:";

    private Regions() {
    }

    /** The name of the text written after region {@code previous} and before the next one. */
    public static String gapAfter(String previous) {
        return previous == null || previous.isEmpty() ? HEAD : AFTER + baseOf(previous);
    }

    /** Whether a region is text outside the model's own markers (rendered without markers). */
    public static boolean isGap(String name) {
        return name == null || name.isEmpty() || name.startsWith(AFTER);
    }

    private static String baseOf(String name) {
        return name.startsWith(AFTER) ? name.substring(AFTER.length()) : name;
    }
}
