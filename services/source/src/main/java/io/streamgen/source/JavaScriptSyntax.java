package io.streamgen.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterJavascript;

/**
 * A JavaScript file read as a syntax tree (tree-sitter's JavaScript grammar, the parser editors use:
 * it recovers from errors, so one slip does not hide the rest of the file, and it knows the whole
 * language, ES modules, JSX and template literals included). Answers the questions the pipeline
 * asks of generated code: does it parse, what does it export, which HTTP routes does it serve and
 * which does it call. A parser instance is not thread-safe; this class keeps one per thread.
 */
public final class JavaScriptSyntax {

    /** An exported name: {@code kind} is function, class, const or value; params as written, or null. */
    public record Export(String name, String kind, String params) {
        /** {@code name(a, b)} for callables, {@code name} otherwise. */
        public String signature() {
            return params == null ? name : name + params;
        }
    }

    /** An HTTP route the code serves or calls; path parameters normalised to {@code :name}. */
    public record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern TEMPLATE_SUBSTITUTION = Pattern.compile("\\$\\{[^}]*}");
    private static final ThreadLocal<TSParser> PARSERS = ThreadLocal.withInitial(() -> {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterJavascript());
        return parser;
    });

    private final byte[] bytes;
    private final TSNode root;

    private JavaScriptSyntax(String source) {
        this.bytes = source.getBytes(StandardCharsets.UTF_8);
        TSTree tree = PARSERS.get().parseString(null, source);
        this.root = tree.getRootNode();
    }

    public static JavaScriptSyntax parse(String source) {
        return new JavaScriptSyntax(source);
    }

    /** The first syntax error, if the file does not parse. */
    public Optional<SyntaxProblem> problem() {
        if (!root.hasError()) {
            return Optional.empty();
        }
        TSNode bad = firstError(root);
        TSNode at = bad == null ? root : bad;
        TSPoint point = at.getStartPoint();
        String message = bad != null && bad.isMissing() ? "missing " + bad.getType()
                : "unexpected " + snippet(at);
        return Optional.of(new SyntaxProblem(point.getRow() + 1, point.getColumn() + 1, message));
    }

    /** What the module exports: declarations, {@code export { a, b as c }} and {@code export default}. */
    public List<Export> exports() {
        Map<String, Export> found = new LinkedHashMap<>();
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            TSNode statement = root.getNamedChild(i);
            if (!statement.getType().equals("export_statement")) {
                continue;
            }
            TSNode declaration = statement.getChildByFieldName("declaration");
            if (!declaration.isNull()) {
                declared(declaration).forEach(e -> found.putIfAbsent(e.name(), e));
                continue;
            }
            boolean isDefault = false;
            for (int c = 0; c < statement.getChildCount(); c++) {
                TSNode child = statement.getChild(c);
                if (child.getType().equals("default")) {
                    isDefault = true;
                } else if (child.getType().equals("export_clause")) {
                    for (int s = 0; s < child.getNamedChildCount(); s++) {
                        TSNode specifier = child.getNamedChild(s);
                        TSNode alias = specifier.getChildByFieldName("alias");
                        String local = text(specifier.getChildByFieldName("name"));
                        String name = alias.isNull() ? local : text(alias);
                        found.putIfAbsent(name, new Export(name, "value", localParams(local)));
                    }
                }
            }
            if (isDefault) {
                TSNode value = statement.getChildByFieldName("value");
                found.putIfAbsent("default", new Export("default", "value", value.isNull() ? null : params(value)));
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Routes the code serves: {@code route('GET', '/x', …)}, {@code app.get('/x', …)} /
     * {@code router.post(…)}, and {@code method === 'GET' && path === '/x'} conditions.
     */
    public List<Route> servedRoutes() {
        List<Route> routes = new ArrayList<>();
        walk(root, node -> {
            if (node.getType().equals("call_expression")) {
                servedByCall(node).ifPresent(routes::add);
            } else if (node.getType().equals("binary_expression") && "&&".equals(operator(node))
                    && !parentIs(node, "binary_expression", "&&")) {
                servedByCondition(node).ifPresent(routes::add);
            }
        });
        return distinct(routes);
    }

    /** Routes the code calls: {@code fetch('/api/x', {method})} and helpers called as {@code api('POST', '/api/x')}. */
    public List<Route> calledRoutes() {
        List<Route> routes = new ArrayList<>();
        walk(root, node -> {
            if (!node.getType().equals("call_expression")) {
                return;
            }
            TSNode function = node.getChildByFieldName("function");
            List<TSNode> args = arguments(node);
            if (args.isEmpty()) {
                return;
            }
            if (function.getType().equals("identifier") && text(function).equals("fetch")) {
                pathOf(args.get(0)).filter(p -> p.startsWith("/")).ifPresent(path -> routes.add(
                        new Route(args.size() > 1 ? methodOption(args.get(1)).orElse("GET") : "GET", path)));
            } else if (args.size() >= 2) {
                Optional<String> method = stringOf(args.get(0)).map(s -> s.toUpperCase(Locale.ROOT)).filter(METHODS::contains);
                Optional<String> path = pathOf(args.get(1)).filter(p -> p.startsWith("/"));
                if (method.isPresent() && path.isPresent() && !isServingCallee(function)) {
                    routes.add(new Route(method.get(), path.get()));
                }
            }
        });
        return distinct(routes);
    }

    private List<Export> declared(TSNode declaration) {
        String type = declaration.getType();
        TSNode name = declaration.getChildByFieldName("name");
        switch (type) {
            case "function_declaration", "generator_function_declaration" -> {
                return List.of(new Export(text(name), "function", text(declaration.getChildByFieldName("parameters"))));
            }
            case "class_declaration" -> {
                return List.of(new Export(text(name), "class", null));
            }
            case "lexical_declaration", "variable_declaration" -> {
                List<Export> exports = new ArrayList<>();
                for (int i = 0; i < declaration.getNamedChildCount(); i++) {
                    TSNode declarator = declaration.getNamedChild(i);
                    if (!declarator.getType().equals("variable_declarator")) {
                        continue;
                    }
                    TSNode id = declarator.getChildByFieldName("name");
                    if (!id.getType().equals("identifier")) {
                        continue; // a destructuring pattern: no single name to announce
                    }
                    TSNode value = declarator.getChildByFieldName("value");
                    String params = value.isNull() ? null : params(value);
                    exports.add(new Export(text(id), params == null ? "const" : "function", params));
                }
                return exports;
            }
            default -> {
                return List.of();
            }
        }
    }

    /** The parameter list of a function value, or null when the value is not a function. */
    private String params(TSNode value) {
        return switch (value.getType()) {
            case "arrow_function" -> {
                TSNode parameters = value.getChildByFieldName("parameters");
                yield parameters.isNull() ? "(" + text(value.getChildByFieldName("parameter")) + ")" : text(parameters);
            }
            case "function_expression", "function", "generator_function" ->
                    text(value.getChildByFieldName("parameters"));
            case "class" -> null;
            default -> null;
        };
    }

    /** The parameters of a top-level function declared under {@code local}, for {@code export { local }}. */
    private String localParams(String local) {
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            TSNode statement = root.getNamedChild(i);
            for (Export e : declared(statement)) {
                if (e.name().equals(local)) {
                    return e.params();
                }
            }
        }
        return null;
    }

    private Optional<Route> servedByCall(TSNode call) {
        TSNode function = call.getChildByFieldName("function");
        List<TSNode> args = arguments(call);
        if (function.getType().equals("identifier") && args.size() >= 2) {
            Optional<String> method = stringOf(args.get(0)).map(s -> s.toUpperCase(Locale.ROOT)).filter(METHODS::contains);
            Optional<String> path = pathOf(args.get(1)).filter(p -> p.startsWith("/"));
            if (method.isPresent() && path.isPresent() && isServingCallee(function)) {
                return Optional.of(new Route(method.get(), path.get()));
            }
        }
        if (function.getType().equals("member_expression") && !args.isEmpty()) {
            String property = text(function.getChildByFieldName("property")).toUpperCase(Locale.ROOT);
            Optional<String> path = stringOf(args.get(0)).filter(p -> p.startsWith("/"));
            if (METHODS.contains(property) && path.isPresent() && args.size() >= 2) {
                return Optional.of(new Route(property, normalisePath(path.get())));
            }
        }
        return Optional.empty();
    }

    /** A function named like a route registration ({@code route}, {@code addRoute}, {@code on}). */
    private boolean isServingCallee(TSNode function) {
        String name = text(function).toLowerCase(Locale.ROOT);
        return name.equals("route") || name.endsWith("route") || name.equals("on") || name.equals("handle");
    }

    private Optional<Route> servedByCondition(TSNode condition) {
        List<String> strings = new ArrayList<>();
        walk(condition, node -> {
            if (node.getType().equals("binary_expression") && Set.of("===", "==").contains(operator(node))) {
                stringOf(node.getChildByFieldName("left")).ifPresent(strings::add);
                stringOf(node.getChildByFieldName("right")).ifPresent(strings::add);
            }
        });
        Optional<String> method = strings.stream().map(s -> s.toUpperCase(Locale.ROOT)).filter(METHODS::contains).findFirst();
        Optional<String> path = strings.stream().filter(s -> s.startsWith("/")).findFirst();
        return method.isPresent() && path.isPresent()
                ? Optional.of(new Route(method.get(), normalisePath(path.get()))) : Optional.empty();
    }

    private Optional<String> methodOption(TSNode options) {
        if (!options.getType().equals("object")) {
            return Optional.empty();
        }
        for (int i = 0; i < options.getNamedChildCount(); i++) {
            TSNode pair = options.getNamedChild(i);
            if (pair.getType().equals("pair") && text(pair.getChildByFieldName("key")).replaceAll("['\"]", "").equals("method")) {
                return stringOf(pair.getChildByFieldName("value")).map(s -> s.toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** A string or template literal as a route path, substitutions becoming {@code :param}. */
    private Optional<String> pathOf(TSNode node) {
        if (node.getType().equals("template_string")) {
            String raw = text(node);
            String inner = raw.substring(1, Math.max(1, raw.length() - 1));
            return Optional.of(normalisePath(TEMPLATE_SUBSTITUTION.matcher(inner).replaceAll(":param")));
        }
        if (node.getType().equals("binary_expression") && "+".equals(operator(node))) {
            TSNode left = node.getChildByFieldName("left");
            Optional<String> prefix = left.getType().equals("string") ? stringOf(left) : pathOf(left);
            return prefix.map(p -> normalisePath(p + ":param"));
        }
        return stringOf(node).map(JavaScriptSyntax::normalisePath);
    }

    private Optional<String> stringOf(TSNode node) {
        if (node.isNull() || !node.getType().equals("string")) {
            return Optional.empty();
        }
        String raw = text(node);
        return Optional.of(raw.length() >= 2 ? raw.substring(1, raw.length() - 1) : "");
    }

    /** {@code /api/todos/:id}, {@code /api/todos/${id}} and {@code /api/todos/} + id all read {@code /api/todos/:param}. */
    static String normalisePath(String path) {
        String noQuery = path.replaceAll("[?#].*$", "");
        String params = noQuery.replaceAll(":[A-Za-z_]\\w*", ":param");
        return params.length() > 1 && params.endsWith("/") ? params.substring(0, params.length() - 1) : params;
    }

    private List<TSNode> arguments(TSNode call) {
        TSNode args = call.getChildByFieldName("arguments");
        List<TSNode> list = new ArrayList<>();
        if (args.isNull()) {
            return list;
        }
        for (int i = 0; i < args.getNamedChildCount(); i++) {
            TSNode arg = args.getNamedChild(i);
            if (!arg.getType().equals("comment")) {
                list.add(arg);
            }
        }
        return list;
    }

    private String operator(TSNode binary) {
        TSNode op = binary.getChildByFieldName("operator");
        return op.isNull() ? "" : op.getType();
    }

    private static boolean parentIs(TSNode node, String type, String operatorText) {
        TSNode parent = node.getParent();
        if (parent.isNull() || !parent.getType().equals(type)) {
            return false;
        }
        TSNode op = parent.getChildByFieldName("operator");
        return !op.isNull() && op.getType().equals(operatorText);
    }

    private static TSNode firstError(TSNode node) {
        if (node.isError() || node.isMissing()) {
            return node;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            TSNode child = node.getChild(i);
            if (child.hasError() || child.isMissing()) {
                TSNode found = firstError(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private String snippet(TSNode node) {
        String text = text(node).strip();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        return first.isEmpty() ? "end of input" : "'" + (first.length() > 40 ? first.substring(0, 40) + "…" : first) + "'";
    }

    private String text(TSNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        int start = Math.max(0, Math.min(bytes.length, node.getStartByte()));
        int end = Math.max(start, Math.min(bytes.length, node.getEndByte()));
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private static void walk(TSNode node, java.util.function.Consumer<TSNode> visitor) {
        visitor.accept(node);
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            walk(node.getNamedChild(i), visitor);
        }
    }

    private static List<Route> distinct(List<Route> routes) {
        return routes.stream().distinct().toList();
    }
}
