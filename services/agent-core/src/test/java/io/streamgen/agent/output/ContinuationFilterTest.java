package io.streamgen.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The interrupted stream published regions {@code a} (finished) and {@code b} (up to
 * {@code PUBLISHED_B}); each test is a different way a model answers "continue".
 */
class ContinuationFilterTest {

    static final String PUBLISHED_B = "export function b() {\n  const x = 1;\n";
    static final String WHOLE = """
            // @file src/x.js
            import { y } from './y.js';
            // @region a
            export function a() {
              return 1;
            }
            // @endregion
            // @region b
            export function b() {
              const x = 1;
              return x + 1;
            }
            // @endregion
            // @region c
            export const c = 3;
            // @endregion
            """;

    /** The file's regions after the continuation: what was published plus what the filter let through. */
    private static Map<String, String> continueWith(String answer, int seed) {
        return continueWithPublished(PUBLISHED_B, answer, seed);
    }

    private static Map<String, String> continueWithPublished(String publishedB, String answer, int seed) {
        Map<String, String> regions = new LinkedHashMap<>();
        regions.put("null", "import { y } from './y.js';\n");
        regions.put("a", "export function a() {\n  return 1;\n}\n");
        regions.put("b", publishedB);
        List<String> ended = new ArrayList<>();
        ContinuationFilter filter = new ContinuationFilter(new ContinuationFilter.Target() {
            @Override
            public void text(String path, String region, String text, int tokens) {
                regions.merge(String.valueOf(region), text, String::concat);
            }

            @Override
            public void regionEnd(String path, String region) {
                ended.add(region);
            }

            @Override
            public void replace(String path, String region, String text, int tokens) {
                regions.put(region, text);
            }
        }, Set.of(ContinuationFilter.key("src/x.js", "a"), ContinuationFilter.key("src/x.js", null)), "src/x.js", "b",
                publishedB);
        OutputRouter router = new OutputRouter(filter, language -> Optional.empty()).resumingAt("src/x.js", "b");
        Random random = new Random(seed);
        for (int i = 0; i < answer.length(); ) {
            int n = Math.min(answer.length() - i, 1 + random.nextInt(7));
            router.accept(answer.substring(i, i + n));
            i += n;
        }
        router.finish();
        return regions;
    }

    private static final Map<String, String> EXPECTED = Map.of(
            "null", "import { y } from './y.js';\n",
            "a", "export function a() {\n  return 1;\n}\n",
            "b", "export function b() {\n  const x = 1;\n  return x + 1;\n}\n",
            "c", "export const c = 3;\n");

    @Test
    void shouldGoOnWhenTheModelContinues() {
        for (int seed = 0; seed < 20; seed++) {
            assertThat(continueWith("  return x + 1;\n}\n// @endregion\n// @region c\nexport const c = 3;\n// @endregion\n", seed))
                    .isEqualTo(EXPECTED);
        }
    }

    @Test
    void shouldSkipWhatARestartingModelWritesAgain() {
        for (int seed = 0; seed < 20; seed++) {
            assertThat(continueWith(WHOLE, seed)).isEqualTo(EXPECTED);
            assertThat(continueWith("Sure, here is the complete file again:\n```js\n" + WHOLE + "```\nDone.\n", seed))
                    .isEqualTo(EXPECTED);
        }
    }

    @Test
    void shouldNotDoubleABlankLineThatEndedWhatWasPublished() {
        Map<String, String> regions = continueWithPublished(PUBLISHED_B + "\n", WHOLE.replace("  const x = 1;\n", "  const x = 1;\n\n"), 4);

        assertThat(regions.get("b")).isEqualTo("export function b() {\n  const x = 1;\n\n  return x + 1;\n}\n");
    }

    @Test
    void shouldSkipTheLinesAContinuationRepeats() {
        assertThat(continueWith("  const x = 1;\n  return x + 1;\n}\n// @endregion\n// @region c\nexport const c = 3;\n// @endregion\n", 1))
                .isEqualTo(EXPECTED);
    }

    @Test
    void shouldNotSkipALineThatOnlyLooksLikeTheEndOfWhatWasPublished() {
        Map<String, String> regions = continueWith("  if (x) {\n  const x = 1;\n  }\n  return x + 1;\n}\n// @endregion\n", 2);

        assertThat(regions.get("b")).isEqualTo(PUBLISHED_B + "  if (x) {\n  const x = 1;\n  }\n  return x + 1;\n}\n");
    }

    @Test
    void shouldReplaceTheInterruptedRegionWhenTheModelRephrasesIt() {
        String rephrased = WHOLE.replace("  const x = 1;\n  return x + 1;\n", "  return 2;\n");

        Map<String, String> regions = continueWith(rephrased, 3);

        assertThat(regions.get("b")).isEqualTo("export function b() {\n  return 2;\n}\n");
        assertThat(regions.get("a")).isEqualTo(EXPECTED.get("a"));
        assertThat(regions.get("c")).isEqualTo(EXPECTED.get("c"));
    }
}
