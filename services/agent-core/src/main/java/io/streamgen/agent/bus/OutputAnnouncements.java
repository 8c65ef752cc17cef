package io.streamgen.agent.bus;

import io.streamgen.schema.MessageType;
import io.streamgen.source.JavaScriptSyntax;
import io.streamgen.source.JavaScriptSyntax.Route;
import io.streamgen.source.SourceLanguage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a finished unit of code provides, for the role services' announcements. Exports and routes
 * are read from the code's syntax tree ({@link JavaScriptSyntax}), so any way of writing them
 * counts; the {@code @route} and {@code @component} comment lines the prompts ask for are hints that
 * add a name, payload types and requirements, never the only source.
 */
public final class OutputAnnouncements {

    private static final Pattern COMPONENT = Pattern.compile(
            "@component\\s+([A-Za-z_$][\\w$]*)(?:\\s+requires\\s+([^\\n]*?))?\\s*(?:\\*/|-->)?\\s*$", Pattern.MULTILINE);
    private static final Pattern ROUTE_HINT = Pattern.compile(
            "@route\\s+(GET|POST|PUT|PATCH|DELETE)\\s+(\\S+)(?:\\s+([a-z_$][\\w$]*))?([^\\n]*?)\\s*(?:\\*/|-->)?\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private OutputAnnouncements() {
    }

    /** {@code @component Name requires api:x, logic:y} → COMPONENT_CREATED ui:Name with its requirements. */
    public static List<Announcement> components(String code) {
        Map<String, Announcement> found = new LinkedHashMap<>();
        Matcher m = COMPONENT.matcher(code);
        while (m.find()) {
            List<String> requires = m.group(2) == null ? List.of() : Arrays.stream(m.group(2).split("[,\\s]+"))
                    .map(String::trim).filter(r -> r.contains(":")).toList();
            found.put(m.group(1), new Announcement(MessageType.COMPONENT_CREATED, "ui:" + m.group(1),
                    m.group(1) + "(root)", requires));
        }
        return new ArrayList<>(found.values());
    }

    /** Every export of a JavaScript unit → PROVIDES prefix:name with its signature ({@code name(a, b)}). */
    public static List<Announcement> exports(String path, String code, String prefix) {
        if (SourceLanguage.forPath(path) != SourceLanguage.JAVASCRIPT) {
            return List.of();
        }
        return JavaScriptSyntax.parse(code).exports().stream()
                .filter(e -> !e.name().equals("default"))
                .map(e -> new Announcement(MessageType.PROVIDES, prefix + e.name(), e.signature(), List.of()))
                .toList();
    }

    /**
     * The routes a server unit serves, from its syntax tree and its {@code @route} hints: each is
     * CONTRACT_PUBLISHED and PROVIDES under {@code api:METHOD /path} (path parameters as
     * {@code :param}), and also as {@code api:name} when a hint names it
     * ({@code @route POST /api/todos createTodo Todo -> Todo}).
     */
    public static List<Announcement> routes(String path, String code) {
        Map<Route, String[]> hints = new LinkedHashMap<>(); // route → {name or null, payload}
        Matcher m = ROUTE_HINT.matcher(code);
        while (m.find()) {
            Route route = new Route(m.group(1).toUpperCase(Locale.ROOT), normalise(m.group(2)));
            hints.put(route, new String[] {m.group(3), m.group(4) == null ? "" : m.group(4).trim()});
        }
        List<Route> routes = new ArrayList<>(hints.keySet());
        if (SourceLanguage.forPath(path) == SourceLanguage.JAVASCRIPT) {
            JavaScriptSyntax.parse(code).servedRoutes().stream().filter(r -> !routes.contains(r)).forEach(routes::add);
        }
        List<Announcement> found = new ArrayList<>();
        for (Route route : routes) {
            String[] hint = hints.getOrDefault(route, new String[] {null, ""});
            String contract = (route + " " + hint[1]).trim();
            String byRoute = "api:" + route;
            found.add(new Announcement(MessageType.CONTRACT_PUBLISHED, hint[0] == null ? byRoute : "api:" + hint[0],
                    contract, List.of()));
            found.add(new Announcement(MessageType.PROVIDES, byRoute, contract, List.of()));
            if (hint[0] != null) {
                found.add(new Announcement(MessageType.PROVIDES, "api:" + hint[0], contract, List.of()));
            }
        }
        return found;
    }

    private static String normalise(String routePath) {
        String noQuery = routePath.replaceAll("[?#].*$", "").replaceAll("\\$\\{[^}]*}", ":param")
                .replaceAll("\\{[^}]*}", ":param").replaceAll(":[A-Za-z_]\\w*", ":param");
        return noQuery.length() > 1 && noQuery.endsWith("/") ? noQuery.substring(0, noQuery.length() - 1) : noQuery;
    }
}
