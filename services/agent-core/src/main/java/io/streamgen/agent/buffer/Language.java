package io.streamgen.agent.buffer;

import java.util.Locale;

/** How the buffer decides where a statement ends, chosen by the file's extension. */
public enum Language {
    /** JavaScript, TypeScript, Java, C#, Kotlin…: braces, strings, template literals, regex literals, comments. */
    C_LIKE,
    /** Python and other indentation languages: brackets, (triple-)quoted strings, # comments, ':' headers. */
    PYTHON_LIKE,
    /** Markup, styles, data: a line is a statement once brackets and double-quoted strings are balanced. */
    LINES;

    public static Language forPath(String path) {
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (ext) {
            case "js", "mjs", "cjs", "jsx", "ts", "tsx", "java", "kt", "cs", "go", "c", "h", "cpp", "rs", "swift", "scala" -> C_LIKE;
            case "py", "rb" -> PYTHON_LIKE;
            default -> LINES;
        };
    }
}
