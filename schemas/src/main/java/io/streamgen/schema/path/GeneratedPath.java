package io.streamgen.schema.path;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for a path a model wrote (DESIGN §5 "Paths are validated"): the coordinator applies
 * it where chunks enter, the gateway's archive and the CLI apply it again where they write, so a
 * name that one of them accepts is one that every one of them accepts.
 *
 * <p>A valid path is relative and normalised: surrounding whitespace is trimmed, a backslash is a
 * separator (as Windows reads it, so that the file is the same wherever the archive is unpacked),
 * empty and {@code .} segments are dropped ({@code ./x}, {@code x} and {@code .//x} are one file).
 * Refused: an empty path, an absolute path ({@code /x}, {@code \\server\x}), a drive
 * ({@code C:\x}, {@code C:x}), a {@code ..} segment, a {@code .git} segment (any case: on
 * case-insensitive file systems {@code .GIT} is the same folder), a trailing separator (a folder,
 * not a file), NUL, control and bidirectional-override characters (they hide what a name says), a
 * segment over {@value #MAX_SEGMENT_BYTES} bytes or a path over {@value #MAX_PATH_BYTES} bytes (UTF-8).
 */
public final class GeneratedPath {

    public static final int MAX_SEGMENT_BYTES = 255;
    public static final int MAX_PATH_BYTES = 1024;
    /** How much of a refused name a message quotes. */
    private static final int QUOTED_CHARS = 120;

    private GeneratedPath() {
    }

    /** The normalised path, or why the name is refused. */
    public record Result(String path, String reason) {

        public boolean valid() {
            return path != null;
        }

        static Result ok(String path) {
            return new Result(path, null);
        }

        static Result refused(String reason) {
            return new Result(null, reason);
        }
    }

    public static Result normalise(String raw) {
        if (raw == null) {
            return Result.refused("no path");
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty()) {
            return Result.refused("an empty path");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == 0) {
                return Result.refused("a NUL character");
            }
            if (Character.isISOControl(c)) {
                return Result.refused(String.format("a control character (U+%04X)", (int) c));
            }
            if (bidiControl(c)) {
                return Result.refused(String.format("a bidirectional control character (U+%04X)", (int) c));
            }
        }
        String slashed = trimmed.replace('\\', '/');
        if (slashed.startsWith("/")) {
            return Result.refused("an absolute path");
        }
        if (slashed.length() >= 2 && slashed.charAt(1) == ':' && asciiLetter(slashed.charAt(0))) {
            return Result.refused("a drive path");
        }
        if (slashed.endsWith("/")) {
            return Result.refused("a folder, not a file (it ends with a separator)");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : slashed.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return Result.refused("a '..' segment");
            }
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                return Result.refused("a '.git' segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return Result.refused("a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            return Result.refused("no file name");
        }
        String path = String.join("/", segments);
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return Result.refused("longer than " + MAX_PATH_BYTES + " bytes");
        }
        return Result.ok(path);
    }

    /** A refused name as a message may show it: control characters escaped, at most 120 characters. */
    public static String quote(String raw) {
        if (raw == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < raw.length() && i < QUOTED_CHARS; i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) || bidiControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else {
                quoted.append(c);
            }
        }
        quoted.append(raw.length() > QUOTED_CHARS ? "…\" (" + raw.length() + " characters)" : "\"");
        return quoted.toString();
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** U+202A–U+202E and U+2066–U+2069: embeddings, overrides and isolates ("Trojan Source"). */
    private static boolean bidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }
}
