package io.streamgen.agent.buffer;

import io.streamgen.source.SourceLanguage;

/** How the buffer decides where a statement ends, chosen by the file's language ({@link SourceLanguage}). */
public enum Language {
    /** JavaScript, TypeScript, Java, C#, Kotlin…: braces, strings, template literals, regex literals, comments. */
    C_LIKE,
    /** Python and other indentation languages: brackets, (triple-)quoted strings, # comments, ':' headers. */
    PYTHON_LIKE,
    /** Markup, styles, data: a line is a statement once brackets and double-quoted strings are balanced. */
    LINES;

    public static Language forPath(String path) {
        return switch (SourceLanguage.forPath(path).statements()) {
            case BRACES -> C_LIKE;
            case INDENTATION -> PYTHON_LIKE;
            case LINES -> LINES;
        };
    }
}
