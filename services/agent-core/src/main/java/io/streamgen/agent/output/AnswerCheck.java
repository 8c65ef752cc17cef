package io.streamgen.agent.output;

import io.streamgen.source.SourceLanguage;
import io.streamgen.source.SyntaxCheck;
import io.streamgen.source.SyntaxProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a complete answer is usable code: routed as the agent routes it ({@link OutputRouter}),
 * it lands in at least one file, and every file whose language the syntax check reads
 * (JavaScript, JSON) parses. Region markers are comments the router removes, so a file's text
 * here is what the merged file will hold. A first-valid ensemble judges its members with it.
 */
public final class AnswerCheck {

    /** How many files the answer wrote, and the first problem (empty when it is valid). */
    public record Verdict(int files, Optional<String> problem) {
        public boolean valid() {
            return files > 0 && problem.isEmpty();
        }
    }

    private final Function<Optional<SourceLanguage>, Optional<String>> defaultFile;

    /** @param defaultFile the role's file for a language, where an answer naming no file goes */
    public AnswerCheck(Function<Optional<SourceLanguage>, Optional<String>> defaultFile) {
        this.defaultFile = defaultFile;
    }

    public Verdict check(String answer) {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        OutputRouter router = new OutputRouter(new OutputRouter.Listener() {
            @Override
            public void text(String path, String region, String text, int tokens) {
                files.computeIfAbsent(path, p -> new StringBuilder()).append(text);
            }

            @Override
            public void regionEnd(String path, String region) {
            }
        }, defaultFile);
        router.accept(answer);
        router.finish();
        files.values().removeIf(text -> text.toString().isBlank());
        if (files.isEmpty()) {
            return new Verdict(0, Optional.of("wrote no file"));
        }
        for (Map.Entry<String, StringBuilder> file : files.entrySet()) {
            Optional<SyntaxProblem> problem = SyntaxCheck.problem(file.getKey(), file.getValue().toString());
            if (problem.isPresent()) {
                return new Verdict(files.size(), Optional.of(file.getKey() + " does not parse (" + problem.get() + ")"));
            }
        }
        return new Verdict(files.size(), Optional.empty());
    }
}
