package io.streamgen.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputRouterTest {

    record Piece(String path, String region, String text) {
    }

    static final String ANSWER = """
            Here is the code you asked for:
            ```js
            // @file src/a.js
            // @region first
            const a = 1; // @region is only a directive on its own line
            // @endregion
            // @region second
            export function b() {}
            // @endregion
            ```
            <!-- @file public/index.html -->
            <!-- @region page -->
            <p>hi</p>
            <!-- @endregion -->
            // @file package.json
            {"name": "x"}
            That is all.
            """;

    private static List<Piece> route(List<String> tokens, List<String> ended) {
        List<Piece> pieces = new ArrayList<>();
        OutputRouter router = new OutputRouter(new OutputRouter.Listener() {
            @Override
            public void text(String path, String region, String text, int count) {
                pieces.add(new Piece(path, region, text));
            }

            @Override
            public void regionEnd(String path, String region) {
                ended.add(path + "#" + region);
            }
        });
        tokens.forEach(router::accept);
        router.finish();
        return pieces;
    }

    private static String joined(List<Piece> pieces, String path, String region) {
        StringBuilder out = new StringBuilder();
        pieces.stream().filter(p -> p.path().equals(path) && java.util.Objects.equals(p.region(), region))
                .forEach(p -> out.append(p.text()));
        return out.toString();
    }

    @Test
    void shouldRouteTextToFilesAndRegionsWhateverTheTokenSplit() {
        Random random = new Random(3);
        for (int run = 0; run < 50; run++) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < ANSWER.length(); ) {
                int n = Math.min(ANSWER.length() - i, 1 + random.nextInt(9));
                tokens.add(ANSWER.substring(i, i + n));
                i += n;
            }
            List<String> ended = new ArrayList<>();
            List<Piece> pieces = route(tokens, ended);

            assertThat(joined(pieces, "src/a.js", "first")).isEqualTo("const a = 1; // @region is only a directive on its own line\n");
            assertThat(joined(pieces, "src/a.js", "second")).isEqualTo("export function b() {}\n");
            assertThat(joined(pieces, "public/index.html", "page")).isEqualTo("<p>hi</p>\n");
            assertThat(joined(pieces, "package.json", null)).isEqualTo("{\"name\": \"x\"}\nThat is all.\n");
            assertThat(ended).contains("src/a.js#first", "src/a.js#second", "public/index.html#page", "package.json#null");
            assertThat(pieces).noneMatch(p -> p.text().contains("```") || p.text().contains("Here is the code"));
        }
    }
}
