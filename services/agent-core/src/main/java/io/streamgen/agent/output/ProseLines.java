package io.streamgen.agent.output;

import io.streamgen.source.SourceLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lines that read as a person's sentences rather than code, in languages where such a line cannot
 * be code (JavaScript, TypeScript, CSS, JSON…). Markup and text files are never judged: prose is their content.
 */
final class ProseLines {

    private static final Pattern SENTENCE = Pattern.compile("^[A-Z][\\w'’]*,?(?:\\s+\\S+){2,}\\s*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:-|\\d+[.)])\\s+[`*A-Za-z]");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]+`");
    /** "1. **Cache the totals.**": no code line starts with a number and a full stop. */
    private static final Pattern NUMBERED_ITEM = Pattern.compile("^\\d+[.)]\\s+(?:\\*\\*|[A-Za-z])");
    /** "Optimisations:", "The changes:": a few words introducing what follows. */
    private static final Pattern LEAD_IN = Pattern.compile("^[A-Z][\\w'’]*(?: [\\w'’-]+){0,5}:$");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:]$");
    private static final Pattern NATURAL_WORD = Pattern.compile("[(\"']?[A-Za-z0-9'’-]+[\"')]?[,.;:!?]*");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+\\S");
    private static final Pattern CODE_CHARACTERS = Pattern.compile("[;{}=<>\\[\\]]|=>|\\(\\)|^\\w+\\(|\\)\\s*$");

    private ProseLines() {
    }

    static boolean judged(SourceLanguage language) {
        return language.statements() == SourceLanguage.Statements.BRACES || language == SourceLanguage.CSS
                || language == SourceLanguage.JSON;
    }

    static boolean isProse(String line, SourceLanguage language) {
        if (!judged(language)) {
            return false;
        }
        String s = line.strip();
        if (s.isEmpty()) {
            return false;
        }
        if (HEADING.matcher(s).find() || s.startsWith("**")) {
            return true;
        }
        // inline code spans (`on()`, `server/app.js`) are how prose names code: they do not make a line code
        String words = CODE_SPAN.matcher(s).replaceAll("x");
        if (naturalSentences(words) || LEAD_IN.matcher(words).matches() || NUMBERED_ITEM.matcher(words).find()) {
            return true;
        }
        if (CODE_CHARACTERS.matcher(words).find()) {
            return false;
        }
        return LIST_ITEM.matcher(words).find() || SENTENCE.matcher(words).matches();
    }

    /**
     * Several plain words ending like a sentence, whatever punctuation sits between them ("... in the
     * store; amounts are cents."): code lines have operators, calls or a comment marker instead.
     */
    private static boolean naturalSentences(String words) {
        if (!SENTENCE_END.matcher(words).find() || !Character.isUpperCase(words.charAt(0))) {
            return false;
        }
        String[] tokens = words.split("\\s+");
        long plain = java.util.Arrays.stream(tokens).filter(t -> NATURAL_WORD.matcher(t).matches()).count();
        return tokens.length >= 6 && plain >= tokens.length * 0.85;
    }

    /** Whether a partial line may still turn into prose, so it is held until its end. */
    static boolean mayStartProse(String partial, SourceLanguage language) {
        if (!judged(language) || partial.isEmpty()) {
            return false;
        }
        char c = partial.charAt(0);
        return Character.isUpperCase(c) || Character.isDigit(c) || c == '-' || c == '#' || c == '*';
    }

    /** Drops prose and blank lines from both ends of bare code whose language is not known. */
    static List<String> trim(List<String> lines, Optional<SourceLanguage> language) {
        SourceLanguage judge = language.orElse(SourceLanguage.JAVASCRIPT);
        List<String> kept = new ArrayList<>(lines);
        while (!kept.isEmpty() && (kept.get(0).isBlank() || isProse(kept.get(0), judge))) {
            kept.remove(0);
        }
        while (!kept.isEmpty() && (kept.get(kept.size() - 1).isBlank() || isProse(kept.get(kept.size() - 1), judge))) {
            kept.remove(kept.size() - 1);
        }
        return kept;
    }
}
