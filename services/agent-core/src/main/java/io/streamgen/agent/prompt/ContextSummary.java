package io.streamgen.agent.prompt;

import io.streamgen.source.JavaScriptSyntax;
import io.streamgen.source.SourceLanguage;
import java.util.stream.Collectors;

/** A file reduced to what other code relies on, for a prompt that cannot hold it whole. */
final class ContextSummary {

    private ContextSummary() {
    }

    /** The file's exports with their parameters (JavaScript), or its first lines for other languages. */
    static String signaturesOf(String path, String content) {
        if (SourceLanguage.forPath(path) == SourceLanguage.JAVASCRIPT) {
            String exports = JavaScriptSyntax.parse(content).exports().stream()
                    .map(e -> "export " + e.kind() + " " + e.signature())
                    .collect(Collectors.joining("\n"));
            return "// (summary: exports only)\n" + (exports.isEmpty() ? "// (no exports)" : exports) + "\n";
        }
        String[] lines = content.split("\n", 11);
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(10, lines.length))) + "\n…\n";
    }
}
