package io.streamgen.source;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of languages a generated file can be in: which extensions name it, how its
 * comments are written (and so its {@code @region} markers), and how its statements end. The agents'
 * router and buffer, the coordinator's region markers and the offline template all read it.
 */
public enum SourceLanguage {
    JAVASCRIPT(Set.of("js", "mjs", "cjs", "jsx"), "// ", "", Statements.BRACES),
    TYPESCRIPT(Set.of("ts", "tsx", "mts", "cts"), "// ", "", Statements.BRACES),
    C_FAMILY(Set.of("java", "kt", "cs", "go", "c", "h", "cpp", "hpp", "rs", "swift", "scala", "dart"), "// ", "",
            Statements.BRACES),
    HTML(Set.of("html", "htm", "xml", "svg", "vue", "md", "markdown"), "<!-- ", " -->", Statements.LINES),
    CSS(Set.of("css", "scss", "less"), "/* ", " */", Statements.LINES),
    PYTHON(Set.of("py", "rb"), "# ", "", Statements.INDENTATION),
    HASH_COMMENTS(Set.of("sh", "bash", "yml", "yaml", "toml", "ini", "cfg", "conf", "properties", "dockerfile", "mk"),
            "# ", "", Statements.LINES),
    SQL(Set.of("sql"), "-- ", "", Statements.LINES),
    /** Data without comments: a file of this language carries no region markers. */
    JSON(Set.of("json", "lock"), null, null, Statements.LINES),
    /** Anything else: plain lines, markers as {@code //}. */
    TEXT(Set.of(), "// ", "", Statements.LINES);

    /** How the statement buffer decides that a statement ended. */
    public enum Statements {
        /** braces, strings, template literals, regex literals and comments balanced */
        BRACES,
        /** brackets, quoted strings, {@code #} comments, {@code :} headers */
        INDENTATION,
        /** a line, once brackets and double-quoted strings are balanced */
        LINES
    }

    private final Set<String> extensions;
    private final String commentOpen;
    private final String commentClose;
    private final Statements statements;

    SourceLanguage(Set<String> extensions, String commentOpen, String commentClose, Statements statements) {
        this.extensions = extensions;
        this.commentOpen = commentOpen;
        this.commentClose = commentClose;
        this.statements = statements;
    }

    public static SourceLanguage forPath(String path) {
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        if (name.equals("dockerfile") || name.equals("makefile")) {
            return HASH_COMMENTS;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? TEXT : forExtension(name.substring(dot + 1)).orElse(TEXT);
    }

    /** A Markdown fence's info word ({@code js}, {@code javascript}, {@code html}…), when it names a language. */
    public static Optional<SourceLanguage> forFenceInfo(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "javascript", "node", "nodejs", "esm", "js", "mjs", "jsx" -> Optional.of(JAVASCRIPT);
            case "typescript", "ts", "tsx" -> Optional.of(TYPESCRIPT);
            case "python", "py", "ruby", "rb" -> Optional.of(PYTHON);
            case "bash", "shell", "sh", "yaml", "yml", "toml" -> Optional.of(HASH_COMMENTS);
            case "markdown", "md", "html", "xml" -> Optional.of(HTML);
            case "json", "jsonc" -> Optional.of(JSON);
            default -> forExtension(lower);
        };
    }

    private static Optional<SourceLanguage> forExtension(String extension) {
        for (SourceLanguage language : values()) {
            if (language.extensions.contains(extension)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** Whether files of this language can carry {@code @region} markers (JSON cannot). */
    public boolean hasComments() {
        return commentOpen != null;
    }

    /** The comment opening a marker line, e.g. {@code "// "} or {@code "<!-- "}. */
    public String commentOpen() {
        return commentOpen == null ? "// " : commentOpen;
    }

    /** The comment closing a marker line, e.g. {@code ""} or {@code " -->"}. */
    public String commentClose() {
        return commentClose == null ? "" : commentClose;
    }

    public Statements statements() {
        return statements;
    }
}
