package io.streamgen.agent.output;

import io.streamgen.source.SourceLanguage;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Markdown code fences as models write them: ``` or ~~~, with any info string, maybe naming the file. */
final class Fences {

    /** A fence line: its marker ({@code ```}, {@code ~~~~}…), the info string's language and path. */
    record Fence(String marker, String info, Optional<SourceLanguage> language, Optional<String> path) {
        /** Whether this line closes a fence opened with {@code opening}. */
        boolean closes(String opening) {
            return info.isEmpty() && marker.charAt(0) == opening.charAt(0) && marker.length() >= opening.length()
                    || path.isPresent(); // a fence naming a file starts a new one, closed or not
        }
    }

    private static final Pattern FENCE = Pattern.compile("^[ \\t]{0,3}(`{3,}|~{3,})[ \\t]*([^`]*?)[ \\t]*$");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(?:title|file|filename|path|name)\\s*=\\s*(?:\"([^\"]+)\"|'([^']+)'|(\\S+))", Pattern.CASE_INSENSITIVE);

    private Fences() {
    }

    static Optional<Fence> parse(String line) {
        Matcher m = FENCE.matcher(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String info = m.group(2).strip();
        String first = info.split("[\\s:{,]", 2)[0];
        Optional<SourceLanguage> language = first.isEmpty() ? Optional.empty() : SourceLanguage.forFenceInfo(first);
        return Optional.of(new Fence(m.group(1), info, language, pathIn(info, first)));
    }

    private static Optional<String> pathIn(String info, String first) {
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Matcher attribute = ATTRIBUTE.matcher(info);
        if (attribute.find()) {
            String value = attribute.group(1) != null ? attribute.group(1)
                    : attribute.group(2) != null ? attribute.group(2) : attribute.group(3);
            return Optional.of(value).filter(Headers::looksLikePath);
        }
        int colon = info.indexOf(':');
        if (colon > 0 && !info.substring(0, colon).contains(" ")) {
            String after = info.substring(colon + 1).strip().split("\\s+")[0];
            if (Headers.looksLikePath(after)) {
                return Optional.of(after); // ```js:src/logic.js
            }
        }
        for (String word : info.split("\\s+")) {
            if (Headers.looksLikePath(word) && (!word.equals(first) || word.contains("/") || word.contains("."))) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }
}
