package io.streamgen.agent.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamgen.source.LayoutContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The realistic answer corpus of {@code e2e/} (answers written the way capable models write them,
 * with and without the protocol's deviations): every deviating answer routes to exactly the files
 * and regions its faithful twin does, whatever the token split. The whole pipeline over the same
 * corpus is {@code RealModelIT} in e2e.
 */
public class CorpusRoutingTest {

    public static final Path CORPUS = Path.of("..", "..", "e2e", "src", "test", "resources", "corpus");

    static Stream<Path> answers() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(p -> p.getParent().getFileName().toString().equals("deviating")
                    && p.toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void shouldRouteADeviatingAnswerLikeItsFaithfulTwin(Path deviating) throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "the e2e corpus is next to this module");
        Path faithful = deviating.getParent().resolveSibling("faithful").resolve(deviating.getFileName());
        String taskId = deviating.getFileName().toString().replace(".md", "");
        String role = taskId.substring(taskId.lastIndexOf('-') + 1);

        Map<String, String> expected = route(role, Files.readString(faithful, StandardCharsets.UTF_8), new Random(1));
        for (int seed = 0; seed < 5; seed++) {
            Map<String, String> actual = route(role, Files.readString(deviating, StandardCharsets.UTF_8), new Random(seed));
            assertThat(actual).as("%s (seed %d)", deviating, seed).isEqualTo(expected);
        }
    }

    /** file#region → normalised text (hint comments dropped: the deviating set leaves them out). */
    static Map<String, String> route(String role, String answer, Random random) {
        Map<String, StringBuilder> regions = new LinkedHashMap<>();
        LayoutContract layout = LayoutContract.forStack("javascript-node");
        OutputRouter router = new OutputRouter(new OutputRouter.Listener() {
            @Override
            public void text(String path, String region, String text, int tokens) {
                regions.computeIfAbsent(path + "#" + region, k -> new StringBuilder()).append(text);
            }

            @Override
            public void regionEnd(String path, String region) {
            }
        }, language -> layout.defaultFile(role, language));
        for (int i = 0; i < answer.length(); ) {
            int n = Math.min(answer.length() - i, 1 + random.nextInt(12));
            router.accept(answer.substring(i, i + n));
            i += n;
        }
        router.finish();
        Map<String, String> normalised = new LinkedHashMap<>();
        regions.forEach((key, text) -> {
            String clean = normalise(text.toString());
            if (!clean.isEmpty()) {
                normalised.put(key, clean);
            }
        });
        return normalised;
    }

    static String normalise(String text) {
        List<String> lines = text.replace("\r", "").lines()
                .filter(l -> !l.matches("^\\s*(//|/\\*|<!--)\\s*@(route|component)\\b.*"))
                .map(String::stripTrailing).toList();
        return String.join("\n", lines).replaceAll("\n{3,}", "\n\n").strip();
    }
}
