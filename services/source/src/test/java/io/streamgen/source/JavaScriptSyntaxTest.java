package io.streamgen.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.source.JavaScriptSyntax.Export;
import io.streamgen.source.JavaScriptSyntax.Route;
import org.junit.jupiter.api.Test;

class JavaScriptSyntaxTest {

    @Test
    void shouldReadEveryFormOfExport() {
        String source = """
                export function createStore() { return {}; }
                export async function load(url, { retries = 2 } = {}) { return url; }
                export const add = (a, b) => a + b;
                export const twice = x => x * 2;
                export const limit = 10;
                export class TodoError extends Error {}
                function remove(store, id) { return store.delete(id); }
                const helper = function (x) { return x; };
                export { remove, helper as help };
                export default function main() {}
                """;
        assertThat(JavaScriptSyntax.parse(source).exports()).containsExactly(
                new Export("createStore", "function", "()"),
                new Export("load", "function", "(url, { retries = 2 } = {})"),
                new Export("add", "function", "(a, b)"),
                new Export("twice", "function", "(x)"),
                new Export("limit", "const", null),
                new Export("TodoError", "class", null),
                new Export("remove", "value", "(store, id)"),
                new Export("help", "value", "(x)"),
                new Export("main", "function", "()"));
    }

    @Test
    void shouldReadServedRoutesInTheCommonStyles() {
        String source = """
                route('GET', '/api/todos', ({ store }) => ({ body: logic.listTodos(store) }));
                app.post('/api/todos', (req, res) => res.json({}));
                router.delete('/api/todos/:id', handler);
                if (req.method === 'PUT' && url.pathname === '/api/tags') { update(); }
                """;
        assertThat(JavaScriptSyntax.parse(source).servedRoutes()).containsExactly(
                new Route("GET", "/api/todos"), new Route("POST", "/api/todos"),
                new Route("DELETE", "/api/todos/:param"), new Route("PUT", "/api/tags"));
    }

    @Test
    void shouldReadCalledRoutesFromFetchAndHelpers() {
        String source = """
                const all = await fetch('/api/todos');
                await fetch(`/api/todos/${id}`, { method: 'DELETE' });
                await fetch('/api/todos/' + id, { method: 'put', body });
                const tags = await api('GET', '/api/tags');
                """;
        assertThat(JavaScriptSyntax.parse(source).calledRoutes()).containsExactly(
                new Route("GET", "/api/todos"), new Route("DELETE", "/api/todos/:param"),
                new Route("PUT", "/api/todos/:param"), new Route("GET", "/api/tags"));
    }

    @Test
    void shouldLocateTheFirstSyntaxError() {
        assertThat(JavaScriptSyntax.parse("export const a = 1;\n").problem()).isEmpty();
        assertThat(JavaScriptSyntax.parse("const ok = 1;\nfunction broken( {\n  return 1;\n}\n").problem())
                .hasValueSatisfying(p -> assertThat(p.line()).isBetween(2, 4));
        assertThat(JavaScriptSyntax.parse("That is all.\n").problem()).isPresent();
    }

    @Test
    void shouldCheckJsonAndLeaveUncheckedLanguagesAlone() {
        assertThat(SyntaxCheck.problem("package.json", "{\"type\": \"module\"}")).isEmpty();
        assertThat(SyntaxCheck.problem("package.json", "{\"type\": \"module\",}")).isPresent();
        assertThat(SyntaxCheck.problem("public/index.html", "<p>anything")).isEmpty();
        assertThat(SyntaxCheck.checks("public/index.html")).isFalse();
        assertThat(SyntaxCheck.checks("src/logic.js")).isTrue();
    }

    @Test
    void shouldHandleNonAsciiSource() {
        String source = "export const greeting = 'héllo – 世界';\nexport function wörter(a) { return a; }\n";
        assertThat(JavaScriptSyntax.parse(source).exports()).extracting(Export::name).containsExactly("greeting", "wörter");
    }
}
