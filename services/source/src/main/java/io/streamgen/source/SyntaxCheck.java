package io.streamgen.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.Optional;

/**
 * Whether a whole generated file parses, by its language: JavaScript with tree-sitter, JSON with
 * Jackson's streaming parser. Other languages (HTML, CSS, …) are not checked: their parsers accept
 * anything, so a check would say nothing.
 */
public final class SyntaxCheck {

    private static final JsonFactory JSON = new JsonFactory();

    private SyntaxCheck() {
    }

    /** The first problem of {@code content}, or empty when it parses (or its language is not checked). */
    public static Optional<SyntaxProblem> problem(String path, String content) {
        return switch (SourceLanguage.forPath(path)) {
            case JAVASCRIPT -> JavaScriptSyntax.parse(content).problem();
            case JSON -> json(content);
            default -> Optional.empty();
        };
    }

    /** Whether files of {@code path}'s language are checked at all. */
    public static boolean checks(String path) {
        SourceLanguage language = SourceLanguage.forPath(path);
        return language == SourceLanguage.JAVASCRIPT || language == SourceLanguage.JSON;
    }

    private static Optional<SyntaxProblem> json(String content) {
        try (JsonParser parser = JSON.createParser(content)) {
            if (parser.nextToken() == null) {
                return Optional.of(new SyntaxProblem(1, 1, "empty JSON document"));
            }
            parser.skipChildren();
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return Optional.of(new SyntaxProblem(at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()), e.getOriginalMessage()));
        } catch (IOException e) {
            return Optional.of(new SyntaxProblem(1, 1, e.getMessage()));
        }
    }
}
