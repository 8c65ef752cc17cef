package io.streamgen.source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where each role's files live in a target stack and what they export to each other: the one
 * definition every role's prompt is given (so the UI calls the routes the API serves, and the tests
 * import what the logic exports), and where an answer that names no file is written.
 */
public record LayoutContract(String targetStack, List<FileRule> files) {

    /** One file of the layout: its path, the role that owns it, and what it must provide. */
    public record FileRule(String path, String role, String provides) {
    }

    public static final String JAVASCRIPT_NODE = "javascript-node";

    private static final LayoutContract NODE = new LayoutContract(JAVASCRIPT_NODE, List.of(
            new FileRule("package.json", "api",
                    "{\"type\": \"module\", \"scripts\": {\"start\": \"node server/main.js\", \"test\": \"node --test\"}}; no dependencies"),
            new FileRule("server/app.js", "api",
                    "`export function createApp(store = logic.createStore())` returning a Node `http.Server` that is not yet"
                            + " listening; JSON REST routes under `/api/<entities>` (GET list, POST create → 201, GET/PUT/DELETE"
                            + " `/api/<entities>/:id`, 404 when absent, 400 with `{error}` for invalid input) over"
                            + " `import * as logic from '../src/logic.js'`; serves `public/` for every other GET"),
            new FileRule("server/main.js", "api",
                    "`createApp().listen(Number(process.env.PORT ?? 3000))`; nothing else"),
            new FileRule("src/logic.js", "logic",
                    "state and business rules, no I/O: `export function createStore()`, and per entity"
                            + " `list<Entities>(store)`, `create<Entity>(store, input)`, `get<Entity>(store, id)`,"
                            + " `update<Entity>(store, id, input)`, `delete<Entity>(store, id)` (true when deleted);"
                            + " records get a numeric `id`; invalid input throws an Error with `status = 400`"),
            new FileRule("public/index.html", "ui",
                    "the page: loads `/styles.css` and `<script type=\"module\" src=\"/app.js\">`"),
            new FileRule("public/styles.css", "ui", "the page's styles"),
            new FileRule("public/app.js", "ui",
                    "an ES module run in the browser (no build step, no imports from src/): renders the page and calls"
                            + " the API with `fetch('/api/...')`"),
            new FileRule("test/logic.test.js", "testing",
                    "`node:test` tests of `../src/logic.js`"),
            new FileRule("test/api.test.js", "testing",
                    "`node:test` tests of `../server/app.js`: `createApp().listen(0, '127.0.0.1')`, then `fetch`")));

    private static final Map<String, LayoutContract> STACKS = Map.of(JAVASCRIPT_NODE, NODE);

    /** The contract of {@code targetStack}; unknown stacks get the Node layout, the only one the template writes. */
    public static LayoutContract forStack(String targetStack) {
        return STACKS.getOrDefault(targetStack == null ? "" : targetStack.toLowerCase(Locale.ROOT), NODE);
    }

    public List<FileRule> filesOf(String role) {
        return files.stream().filter(f -> f.role().equalsIgnoreCase(role)).toList();
    }

    /**
     * Where text that names no file goes: the role's file in the language of the answer's fence
     * (a {@code css} fence from the UI goes to its stylesheet), else the role's main file. Roles that
     * only edit what exists (optimisation) have none.
     */
    public Optional<String> defaultFile(String role, Optional<SourceLanguage> language) {
        List<FileRule> own = filesOf(role);
        if (language.isPresent()) {
            Optional<String> sameLanguage = own.stream().map(FileRule::path)
                    .filter(path -> SourceLanguage.forPath(path) == language.get()).findFirst();
            if (sameLanguage.isPresent()) {
                return sameLanguage;
            }
        }
        return own.stream().map(FileRule::path).filter(path -> SourceLanguage.forPath(path) == SourceLanguage.JAVASCRIPT)
                .filter(path -> !path.endsWith("/main.js")).findFirst()
                .or(() -> own.stream().map(FileRule::path).findFirst());
    }

    /** The contract as prompt text: every file, its owner and what it provides. */
    public String render() {
        StringBuilder out = new StringBuilder("Project layout (" + targetStack + "), shared by every agent:\n");
        for (FileRule file : files) {
            out.append("- `").append(file.path()).append("` (").append(file.role()).append("): ")
                    .append(file.provides()).append('\n');
        }
        out.append("The optimisation agent edits existing regions only; it creates no files.\n");
        return out.toString();
    }
}
