package io.streamgen.schema.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class GeneratedPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "server/app.js         | server/app.js",
            "./server/app.js       | server/app.js",
            "x                     | x",
            "./x                   | x",
            "a//b                  | a/b",
            "a/./b                 | a/b",
            "'  src/index.html  '  | src/index.html",
            "src\\logic.js         | src/logic.js",
            "src\\\\ui\\app.js     | src/ui/app.js",
            ".gitignore            | .gitignore",
            ".github/workflows/ci.yml | .github/workflows/ci.yml",
            "a.git/b               | a.git/b",
            "..a/b..               | ..a/b..",
            "file:name.txt         | file:name.txt",
            "données/élève.js      | données/élève.js"})
    void givenAGoodPath_whenNormalised_thenItIsTheOneNameOfThatFile(String raw, String expected) {
        GeneratedPath.Result result = GeneratedPath.normalise(raw);
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.path()).isEqualTo(expected);
        assertThat(GeneratedPath.normalise(result.path()).path()).as("normalising is idempotent").isEqualTo(expected);
    }

    static Stream<Arguments> badPaths() {
        return Stream.of(
                Arguments.of(null, "no path"),
                Arguments.of("", "an empty path"),
                Arguments.of("   ", "an empty path"),
                Arguments.of(".", "no file name"),
                Arguments.of("./", "a folder"),
                Arguments.of("src/", "a folder"),
                Arguments.of("/etc/passwd", "an absolute path"),
                Arguments.of("\\\\server\\share\\x", "an absolute path"),
                Arguments.of("\\x", "an absolute path"),
                Arguments.of("C:\\x", "a drive path"),
                Arguments.of("C:x", "a drive path"),
                Arguments.of("c:/x", "a drive path"),
                Arguments.of("../x", "a '..' segment"),
                Arguments.of("a/../../x", "a '..' segment"),
                Arguments.of("a\\..\\x", "a '..' segment"),
                Arguments.of("..", "a '..' segment"),
                Arguments.of(".git/config", "a '.git' segment"),
                Arguments.of("a/.git/hooks/pre-commit", "a '.git' segment"),
                Arguments.of(".GIT/config", "a '.git' segment"),
                Arguments.of("x/.git", "a '.git' segment"),
                Arguments.of("a\u0000b", "a NUL character"),
                Arguments.of("a\nb", "a control character (U+000A)"),
                Arguments.of("a\u001bb", "a control character (U+001B)"),
                Arguments.of("a\u007fb", "a control character (U+007F)"),
                Arguments.of("a\u0085b", "a control character (U+0085)"),
                Arguments.of("invoice\u202Egpj.js", "a bidirectional control character (U+202E)"),
                Arguments.of("a/" + "s".repeat(256), "a segment longer than 255 bytes"),
                Arguments.of("é".repeat(128), "a segment longer than 255 bytes"),
                Arguments.of(("d".repeat(200) + "/").repeat(6) + "x.js", "longer than 1024 bytes"));
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @MethodSource("badPaths")
    void givenABadPath_whenNormalised_thenItIsRefusedWithTheReason(String raw, String reason) {
        GeneratedPath.Result result = GeneratedPath.normalise(raw);
        assertThat(result.valid()).isFalse();
        assertThat(result.path()).isNull();
        assertThat(result.reason()).startsWith(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a.js | \"a.js\"", "a\"b | \"a\\\"b\""})
    void givenAName_whenQuoted_thenItIsShownAsWritten(String raw, String quoted) {
        assertThat(GeneratedPath.quote(raw)).isEqualTo(quoted);
    }

    @org.junit.jupiter.api.Test
    void givenControlCharactersOrAHugeName_whenQuoted_thenTheyAreEscapedAndCut() {
        assertThat(GeneratedPath.quote("a\u0000b\nc")).isEqualTo("\"a\\u0000b\\u000ac\"");
        assertThat(GeneratedPath.quote("x".repeat(5000))).endsWith("…\" (5000 characters)").hasSize(1 + 120 + 20);
    }
}
