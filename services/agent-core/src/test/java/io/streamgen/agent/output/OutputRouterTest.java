package io.streamgen.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.source.LayoutContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputRouterTest {

    record Piece(String path, String region, String text) {
    }

    /** What one answer routed: text per file#region in order, regions ended, and the router's notes. */
    static final class Routed {
        final List<Piece> pieces = new ArrayList<>();
        final List<String> ended = new ArrayList<>();
        List<String> notes = List.of();

        String text(String path, String region) {
            StringBuilder out = new StringBuilder();
            pieces.stream().filter(p -> p.path().equals(path) && Objects.equals(p.region(), region))
                    .forEach(p -> out.append(p.text()));
            return out.toString();
        }

        /** file#region → text, in the order regions first appeared. */
        Map<String, String> regions() {
            Map<String, String> out = new LinkedHashMap<>();
            pieces.forEach(p -> out.merge(p.path() + "#" + p.region(), p.text(), String::concat));
            return out;
        }

        String all() {
            StringBuilder out = new StringBuilder();
            pieces.forEach(p -> out.append(p.text()));
            return out.toString();
        }
    }

    private static Routed route(String role, List<String> tokens) {
        Routed routed = new Routed();
        LayoutContract layout = LayoutContract.forStack("javascript-node");
        OutputRouter router = new OutputRouter(new OutputRouter.Listener() {
            @Override
            public void text(String path, String region, String text, int count) {
                routed.pieces.add(new Piece(path, region, text));
            }

            @Override
            public void regionEnd(String path, String region) {
                routed.ended.add(path + "#" + region);
            }
        }, language -> layout.defaultFile(role, language));
        tokens.forEach(router::accept);
        router.finish();
        routed.notes = router.notes();
        return routed;
    }

    private static Routed route(String role, String answer) {
        return route(role, List.of(answer));
    }

    /** The answer cut into random tokens of 1–9 characters. */
    private static List<String> tokens(String answer, Random random) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < answer.length(); ) {
            int n = Math.min(answer.length() - i, 1 + random.nextInt(9));
            tokens.add(answer.substring(i, i + n));
            i += n;
        }
        return tokens;
    }

    static final String MIXED = """
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

    @Test
    void shouldRouteTextToFilesAndRegionsWhateverTheTokenSplit() {
        Random random = new Random(3);
        for (int run = 0; run < 50; run++) {
            Routed routed = route("api", tokens(MIXED, random));

            assertThat(routed.text("src/a.js", "first")).isEqualTo("const a = 1; // @region is only a directive on its own line\n");
            assertThat(routed.text("src/a.js", "second")).isEqualTo("export function b() {}\n");
            assertThat(routed.text("public/index.html", "page")).isEqualTo("<p>hi</p>\n");
            assertThat(routed.text("package.json", null)).as("prose after the code is not the file's").isEqualTo("{\"name\": \"x\"}\n");
            assertThat(routed.ended).contains("src/a.js#first", "src/a.js#second", "public/index.html#page", "package.json#null");
            assertThat(routed.all()).doesNotContain("```", "Here is the code", "That is all");
            assertThat(routed.notes).anyMatch(n -> n.contains("characters of prose"));
        }
    }

    static final String FENCED_WITH_PROSE = """
            Here's the skeleton for the server. It uses Node's built-in `http` module, so there is nothing to install.

            ```js title="server/app.js"
            import * as logic from '../src/logic.js';
            // @region core
            export function createApp() {
              return null;
            }
            // @endregion
            ```

            Next, the entry point:

            **server/main.js**
            ```javascript
            //@region main
            createApp().listen(3000);
            //@endregion
            ```

            ### package.json
            ~~~json
            {"type": "module"}
            ~~~

            That's all. Let me know if you want persistence:
            - a file store
            - SQLite
            """;

    @Test
    void shouldReadPathsFromFenceInfoStringsAndHeaderLinesAndDropTheProse() {
        Random random = new Random(7);
        for (int run = 0; run < 30; run++) {
            Routed routed = route("api", tokens(FENCED_WITH_PROSE, random));

            assertThat(routed.regions()).containsExactly(
                    Map.entry("server/app.js#null", "import * as logic from '../src/logic.js';\n"),
                    Map.entry("server/app.js#core", "export function createApp() {\n  return null;\n}\n"),
                    Map.entry("server/main.js#main", "createApp().listen(3000);\n"),
                    Map.entry("package.json#null", "{\"type\": \"module\"}\n"));
        }
    }

    @Test
    void shouldTakeAFileNameFromTheFencesFirstLine() {
        Routed routed = route("logic", """
                Sure! Below is the logic module.
                ```javascript
                // File: src/logic.js
                // @region store
                export const createStore = () => ({ items: [] });
                // @endregion
                ```
                """);
        Routed html = route("ui", "```html\n<!-- File: public/index.html -->\n<!-- @region page-->\n<main></main>\n<!-- @endregion-->\n```\n");
        Routed css = route("ui", "`public/styles.css`:\n```css\n/* @region base*/\nbody { margin: 0; }\n/* @endregion */\n```\n");

        assertThat(routed.regions()).containsExactly(Map.entry("src/logic.js#store", "export const createStore = () => ({ items: [] });\n"));
        assertThat(html.regions()).containsExactly(Map.entry("public/index.html#page", "<main></main>\n"));
        assertThat(css.regions()).containsExactly(Map.entry("public/styles.css#base", "body { margin: 0; }\n"));
    }

    @Test
    void shouldCloseARegionLeftOpenAtTheNextMarkerOrTheEndOfTheFile() {
        Routed routed = route("logic", """
                // @file src/logic.js
                // @region validation
                export function validate(x) { return x; }
                // @region store
                export function createStore() { return {}; }
                // @file src/other.js
                // @region tail
                export const tail = 1;
                """);

        assertThat(routed.regions()).containsExactly(
                Map.entry("src/logic.js#validation", "export function validate(x) { return x; }\n"),
                Map.entry("src/logic.js#store", "export function createStore() { return {}; }\n"),
                Map.entry("src/other.js#tail", "export const tail = 1;\n"));
        assertThat(routed.ended).containsExactly("src/logic.js#validation", "src/logic.js#store", "src/other.js#tail");
    }

    @Test
    void shouldKeepCodeOutsideRegionsInItsPlace() {
        Routed routed = route("api", """
                // @file server/app.js
                import * as logic from '../src/logic.js';

                // @region core
                const routes = [];
                // @endregion
                const started = Date.now();
                // @region health
                route('GET', '/health', () => ({ body: { started } }));
                // @endregion
                export default routes;
                """);

        assertThat(routed.regions()).containsExactly(
                Map.entry("server/app.js#null", "import * as logic from '../src/logic.js';\n\n"),
                Map.entry("server/app.js#core", "const routes = [];\n"),
                Map.entry("server/app.js#after:core", "const started = Date.now();\n"),
                Map.entry("server/app.js#health", "route('GET', '/health', () => ({ body: { started } }));\n"),
                Map.entry("server/app.js#after:health", "export default routes;\n"));
    }

    @Test
    void shouldSendAnAnswerThatNamesNoFileToTheRolesDefaultFileWithANote() {
        Routed fenced = route("logic", """
                Here is the implementation:

                ```js
                export function add(a, b) {
                  return a + b;
                }
                ```

                Hope this helps!
                """);
        Routed bare = route("testing", "import { test } from 'node:test';\ntest('adds', () => {});\n");
        Routed ui = route("ui", "```html\n<main></main>\n```\nAnd the styles:\n```css\nmain { margin: 0; }\n```\n");

        assertThat(fenced.regions()).containsExactly(Map.entry("src/logic.js#null", "export function add(a, b) {\n  return a + b;\n}\n"));
        assertThat(fenced.notes).anyMatch(n -> n.contains("no file named in the answer: wrote it to src/logic.js"));
        assertThat(bare.regions()).containsExactly(Map.entry("test/logic.test.js#null",
                "import { test } from 'node:test';\ntest('adds', () => {});\n"));
        assertThat(ui.regions()).containsExactly(Map.entry("public/index.html#null", "<main></main>\n"),
                Map.entry("public/styles.css#null", "main { margin: 0; }\n"));
    }

    @Test
    void shouldLeaveOutTheAnswerOfARoleWithoutFilesThatNamesNone() {
        Routed routed = route("optimization", "```js\nconst faster = 1;\n```\n");

        assertThat(routed.pieces).isEmpty();
        assertThat(routed.notes).anyMatch(n -> n.contains("no file of its own"));
    }

    @Test
    void shouldReadCrlfAnswersAndTabs() {
        Routed routed = route("logic", "// @file src/logic.js\r\n//\t@region\tstore\r\nexport function s() {\r\n\treturn 1;\r\n}\r\n// @endregion\r\n");

        assertThat(routed.regions()).containsExactly(Map.entry("src/logic.js#store", "export function s() {\n\treturn 1;\n}\n"));
    }

    @Test
    void shouldKeepProseLookingLinesThatCodeFollows() {
        String template = "// @file src/msg.js\n// @region msg\nexport const msg = `\nHello there, dear user.\n`;\n// @endregion\n";

        Routed routed = route("logic", template);

        assertThat(routed.text("src/msg.js", "msg")).isEqualTo("export const msg = `\nHello there, dear user.\n`;\n");
    }

    @Test
    void shouldLeaveOutProseAndAHeaderBetweenUnfencedCodeAndTheNextFence() {
        Routed routed = route("testing", """
                // @file test/logic.test.js
                import { test } from 'node:test';

                Here are the HTTP tests for `server/app.js`. Each run starts the app on a random port.

                ### test/api.test.js

                ~~~js
                import assert from 'node:assert/strict';
                ~~~
                """);

        assertThat(routed.regions()).containsExactly(
                Map.entry("test/logic.test.js#null", "import { test } from 'node:test';\n\n"),
                Map.entry("test/api.test.js#null", "import assert from 'node:assert/strict';\n"));
    }

    @Test
    void shouldResumeInTheRegionWhereAStreamStopped() {
        Routed routed = new Routed();
        OutputRouter router = new OutputRouter(new OutputRouter.Listener() {
            @Override
            public void text(String path, String region, String text, int count) {
                routed.pieces.add(new Piece(path, region, text));
            }

            @Override
            public void regionEnd(String path, String region) {
                routed.ended.add(path + "#" + region);
            }
        }, language -> Optional.empty()).resumingAt("src/logic.js", "store");

        router.accept("  return store;\n}\n// @endregion\n");
        router.finish();

        assertThat(routed.regions()).containsExactly(Map.entry("src/logic.js#store", "  return store;\n}\n"));
    }
}
