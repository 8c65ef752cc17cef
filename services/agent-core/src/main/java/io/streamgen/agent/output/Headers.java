package io.streamgen.agent.output;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names models write instead of {@code // @file}: a header line before a fence
 * ({@code **src/logic.js**}, {@code ### server/app.js}, {@code `public/styles.css`:},
 * {@code File: x}, {@code 1. **x**}) or a comment on a fence's first line ({@code // File: x},
 * {@code <!-- public/index.html -->}).
 */
final class Headers {

    private static final Pattern PATH = Pattern.compile("[\\w@.\\-]+(?:/[\\w@.\\-]+)*\\.[A-Za-z0-9]{1,10}|[\\w@.\\-]+(?:/[\\w@.\\-]+)+");
    private static final Pattern BEFORE_FENCE = Pattern.compile(
            "^(?:#{1,6}\\s+|\\d+[.)]\\s+|[-*]\\s+)?(?:\\*\\*|__)?\\s*(?:(?:file|filename|path)\\s*:\\s*)?(?:\\*\\*|__)?\\s*`?"
                    + "([^`*\\s]+)`?\\s*(?:\\*\\*|__)?\\s*:?\\s*(?:\\*\\*|__)?\\s*(?:\\((?:[^)]*)\\))?\\s*:?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT_HEADER = Pattern.compile(
            "^(?://+|#+|<!--|/\\*+|--)\\s*(?:(?:file|filename|path)\\s*:\\s*)?`?([^`\\s]+?)`?\\s*(?:-->|\\*+/)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABELLED = Pattern.compile("(?i)(?:file|filename|path)\\s*:");

    private Headers() {
    }

    /** A header line outside any fence that names the file the next fence holds. */
    static Optional<String> beforeFence(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.length() > 200) {
            return Optional.empty();
        }
        Matcher comment = COMMENT_HEADER.matcher(s);
        if (comment.matches() && looksLikePath(comment.group(1))) {
            return Optional.of(comment.group(1));
        }
        Matcher m = BEFORE_FENCE.matcher(s);
        return m.matches() && looksLikePath(m.group(1)) ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The first line inside a fence naming its file: {@code // File: x} always, a comment holding
     * only a path ({@code // src/logic.js}) when the path has a directory or a known extension.
     */
    static Optional<String> inFence(String line) {
        String s = line.strip();
        Matcher m = COMMENT_HEADER.matcher(s);
        if (!m.matches() || !looksLikePath(m.group(1))) {
            return Optional.empty();
        }
        return LABELLED.matcher(s).find() || m.group(1).contains("/") || m.group(1).matches(".*\\.(?:js|mjs|cjs|ts|tsx|jsx|html|css|json|md|py)")
                ? Optional.of(m.group(1)) : Optional.empty();
    }

    static boolean looksLikePath(String candidate) {
        if (candidate == null || candidate.length() > 300 || candidate.startsWith("http") || candidate.contains("://")) {
            return false;
        }
        String s = stripDecoration(candidate);
        return PATH.matcher(s).matches() && !s.endsWith(".") && !s.matches("\\d+(\\.\\d+)+");
    }

    /** {@code `./src/logic.js`:} → {@code src/logic.js}. The coordinator validates the rest. */
    static String normalisePath(String named) {
        String s = stripDecoration(named);
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s.replaceAll("/{2,}", "/");
    }

    private static String stripDecoration(String s) {
        return s.strip().replaceAll("^[`*\"'_]+|[`*\"'_:,]+$", "");
    }
}
