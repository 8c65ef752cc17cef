package io.streamgen.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A marker line of the output protocol: {@code @file PATH}, {@code @region NAME} or
 * {@code @endregion}, in any language's comment syntax. Parsing is lenient, because models write
 * {@code //@region x}, {@code <!-- @region page-->}, {@code /* @region base *}{@code /},
 * {@code # @file x}, {@code // #region x} (the editors' folding style) or {@code // @region: x};
 * rendering is exact, in the file's own syntax.
 */
public record Directive(Kind kind, String argument) {

    public enum Kind { FILE, REGION, END_REGION }

    private static final Pattern LINE = Pattern.compile(
            "^[ \\t]*(?://+|#+|<!--|/\\*+|--|;+)[ \\t]*[@#](file|region|endregion|end-region)\\b[ \\t]*:?[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern CSHARP = Pattern.compile("^[ \\t]*#(region|endregion)\\b[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern OPENER = Pattern.compile("//+|#+|<!--|/\\*+|--|;+");
    private static final Pattern CLOSER = Pattern.compile("[ \\t]*(?:-->|\\*+/)[ \\t]*$");

    /** The directive on {@code line} (without its line break), if it is one. */
    public static Optional<Directive> parse(String line) {
        String text = stripLineBreak(line);
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            m = CSHARP.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        String argument = CLOSER.matcher(m.group(2)).replaceFirst("").strip();
        if (argument.startsWith("`") && argument.endsWith("`") && argument.length() > 1) {
            argument = argument.substring(1, argument.length() - 1).strip();
        }
        return switch (m.group(1)) {
            case "file" -> argument.isEmpty() || argument.contains(" ") ? Optional.empty()
                    : Optional.of(new Directive(Kind.FILE, argument));
            case "region" -> argument.isEmpty() ? Optional.empty()
                    : Optional.of(new Directive(Kind.REGION, argument.split("[ \\t]+")[0]));
            default -> Optional.of(new Directive(Kind.END_REGION, null));
        };
    }

    /** Could a line that starts with {@code partial} still turn out to be a directive? */
    public static boolean mayStart(CharSequence partial) {
        String s = partial.toString().stripLeading();
        Matcher opener = OPENER.matcher(s);
        if (!opener.lookingAt()) {
            return s.isEmpty() || "<!--".startsWith(s) || "/*".startsWith(s) || "--".startsWith(s);
        }
        String rest = s.substring(opener.end()).stripLeading();
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.charAt(0) != '@' && rest.charAt(0) != '#') {
            return s.startsWith("#") && keywordPrefix(rest); // C#-style #region
        }
        return keywordPrefix(rest.substring(1));
    }

    private static boolean keywordPrefix(String rest) {
        for (String keyword : new String[] {"file", "region", "endregion", "end-region"}) {
            if (rest.length() <= keyword.length() ? keyword.startsWith(rest) : rest.startsWith(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** {@code @region NAME} as a whole line in the syntax of {@code path}'s language. */
    public static String regionStart(String path, String name) {
        SourceLanguage language = SourceLanguage.forPath(path);
        return language.commentOpen() + "@region " + name + language.commentClose() + "\n";
    }

    /** {@code @endregion} as a whole line in the syntax of {@code path}'s language. */
    public static String regionEnd(String path) {
        SourceLanguage language = SourceLanguage.forPath(path);
        return language.commentOpen() + "@endregion" + language.commentClose() + "\n";
    }

    /** {@code @file PATH} as a whole line. */
    public static String file(String path) {
        return "// @file " + path + "\n";
    }

    private static String stripLineBreak(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
