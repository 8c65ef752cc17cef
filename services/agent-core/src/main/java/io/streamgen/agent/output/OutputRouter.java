package io.streamgen.agent.output;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a model's streamed answer into files and regions. The prompt asks for {@code // @file PATH}
 * before each file and {@code // @region NAME} … {@code // @endregion} around units of code (or the
 * file's own comment syntax: {@code <!-- -->}, {@code /* *}{@code /}, {@code #}). Directive lines
 * and Markdown code fences are consumed here; every other character reaches the listener, tagged
 * with its file and region, as soon as it is known not to start a directive.
 */
public final class OutputRouter {

    /** Receives the routed text. */
    public interface Listener {
        void text(String path, String region, String text, int tokens);

        /** A region (or, with a null region, a file's unmarked text) is complete. */
        void regionEnd(String path, String region);
    }

    private static final Pattern DIRECTIVE = Pattern.compile(
            "^\\s*(?://|#|<!--|/\\*)\\s*@(file|region|endregion)\\b\\s*([^\\s*>-][^\\s]*)?\\s*(?:-->|\\*/)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*```[\\w+-]*\\s*$");

    private final Listener listener;
    private final StringBuilder line = new StringBuilder();
    private boolean holding = true; // the current line may still be a directive
    private int heldTokens;
    private String path;
    private String region;
    private long discardedChars;

    public OutputRouter(Listener listener) {
        this.listener = listener;
    }

    /** One token of the model's answer. */
    public void accept(String token) {
        int start = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '\n') {
                take(token.substring(start, i + 1), i == token.length() - 1 ? 1 : 0);
                start = i + 1;
            }
        }
        if (start < token.length()) {
            take(token.substring(start), 1);
        }
    }

    /** The answer is complete: close what is open. */
    public void finish() {
        if (holding && !line.isEmpty()) {
            endLine();
        }
        closeRegion();
        if (path != null) {
            closeFile();
        }
    }

    /** Characters of the answer that belonged to no file (explanations around the code). */
    public long discardedChars() {
        return discardedChars;
    }

    public String currentPath() {
        return path;
    }

    public String currentRegion() {
        return region;
    }

    private void take(String piece, int tokens) {
        if (holding) {
            line.append(piece);
            heldTokens += tokens;
            if (piece.endsWith("\n")) {
                endLine();
            } else if (!mayBeDirective(line)) {
                holding = false;
                forward(line.toString(), heldTokens);
                line.setLength(0);
                heldTokens = 0;
            }
        } else {
            forward(piece, tokens);
            if (piece.endsWith("\n")) {
                holding = true;
            }
        }
    }

    private void endLine() {
        String text = line.toString();
        int tokens = heldTokens;
        line.setLength(0);
        heldTokens = 0;
        holding = true;
        Matcher directive = DIRECTIVE.matcher(text.stripTrailing());
        if (directive.matches()) {
            apply(directive.group(1), directive.group(2));
        } else if (FENCE.matcher(text.stripTrailing()).matches()) {
            discardedChars += text.length();
        } else {
            forward(text, tokens);
        }
    }

    private void apply(String kind, String argument) {
        switch (kind) {
            case "file" -> {
                closeRegion();
                if (path != null) {
                    closeFile();
                }
                path = argument;
            }
            case "region" -> {
                closeRegion();
                region = argument;
            }
            default -> closeRegion();
        }
    }

    private void closeRegion() {
        if (region != null) {
            listener.regionEnd(path, region);
            region = null;
        }
    }

    private void closeFile() {
        listener.regionEnd(path, null);
    }

    private void forward(String text, int tokens) {
        if (path == null) {
            discardedChars += text.length();
            return;
        }
        listener.text(path, region, text, tokens);
    }

    /** Could the line read so far still become a directive or a fence? */
    private static boolean mayBeDirective(CharSequence partial) {
        String s = partial.toString().stripLeading();
        if (s.isEmpty()) {
            return true;
        }
        for (String opener : new String[] {"//", "#", "<!--", "/*", "```"}) {
            if (opener.startsWith(s)) {
                return true;
            }
            if (s.startsWith(opener)) {
                String rest = s.substring(opener.length()).stripLeading();
                return opener.equals("```") || rest.isEmpty() || rest.startsWith("@");
            }
        }
        return false;
    }
}
