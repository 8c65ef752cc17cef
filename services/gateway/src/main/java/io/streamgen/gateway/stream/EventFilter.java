package io.streamgen.gateway.stream;

import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.Role;
import io.streamgen.schema.json.EventJson;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of a generation's events a client wants (docs/events.md, "Views and filters"):
 * {@code ?types=} and {@code ?roles=}, comma-separated event types ({@code file-changed} or
 * {@code FileChanged}) and roles ({@code ui}, {@code LOGIC}); {@code ?view=} one of {@link View};
 * {@code ?paths=} comma-separated globs ({@code src/**}, {@code **.css}) that an event about a file
 * must match. The end of a generation always passes; an event that concerns no role passes a role
 * filter, and one about no file passes a path filter.
 */
public record EventFilter(Set<String> types, Set<String> roles, View view, List<String> paths) {

    /** A server-side view: which kinds of event a client is sent at all. */
    public enum View {
        /** every event */
        ALL(Set.of()),
        /** file snapshots only: every {@code file-changed} carries the whole file (the server applies the diffs) */
        FILES(Set.of("file-changed", "rolled-back")),
        /** the agents' raw output, as it is written */
        DRAFTS(Set.of("draft-chunk")),
        /** progress and figures: rates, metrics snapshots, model changes, the end-of-generation analytics */
        METRICS(Set.of("task-state-changed", "phase-changed", "metrics-snapshot", "model-changed",
                "context-trimmed", "answer-cached", "generation-analytics"));

        private final Set<String> types;

        View(Set<String> types) {
            this.types = types;
        }

        boolean accepts(String type) {
            return types.isEmpty() || types.contains(type);
        }

        static View parse(String view) {
            if (view == null || view.isBlank()) {
                return ALL;
            }
            try {
                return valueOf(view.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown view '" + view + "'; known: all, files, drafts, metrics");
            }
        }
    }

    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), View.ALL, List.of());

    private static final int MAX_PATHS = 32;
    /** The most glob steps one filter runs per character of a path (globs of 64 characters each, two alternatives). */
    static final int MAX_GLOB_WEIGHT = 4096;

    public EventFilter {
        types = Set.copyOf(types);
        roles = Set.copyOf(roles);
        paths = List.copyOf(paths);
    }

    /** Parses both lists; throws IllegalArgumentException naming an unknown type or role. */
    public static EventFilter parse(String types, String roles) {
        return parse(types, roles, null, null);
    }

    /** Parses every option; throws IllegalArgumentException naming what is wrong (a 400 problem). */
    public static EventFilter parse(String types, String roles, String view, String paths) {
        Set<String> typeSet = split(types).stream().map(EventFilter::kebab).collect(Collectors.toSet());
        for (String type : typeSet) {
            if (!EventJson.knownTypes().contains(type)) {
                throw new IllegalArgumentException("unknown event type '" + type + "'; known: "
                        + EventJson.knownTypes().stream().sorted().toList());
            }
        }
        Set<String> roleSet = split(roles).stream().map(r -> r.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String role : roleSet) {
            try {
                Role.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + role + "'; known: " + Arrays.toString(Role.values()));
            }
        }
        List<String> globs = globs(paths).stream().sorted().toList();
        if (globs.size() > MAX_PATHS) {
            throw new IllegalArgumentException("at most " + MAX_PATHS + " path globs");
        }
        // a malformed glob is the client's error, found now; and what a filter costs per event is bounded
        int weight = globs.stream().map(PathGlob::compile).mapToInt(PathGlob::weight).sum();
        if (weight > MAX_GLOB_WEIGHT) {
            throw new IllegalArgumentException("the path globs are too many or too long together: their {…}"
                    + " alternatives multiply out to " + weight + " steps, at most " + MAX_GLOB_WEIGHT);
        }
        View chosen = View.parse(view);
        // a type the view never sends would leave the client an empty stream it did not ask for
        List<String> outside = typeSet.stream().filter(type -> !chosen.accepts(type)).sorted().toList();
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException("view=" + chosen.name().toLowerCase(Locale.ROOT) + " never sends "
                    + outside + "; it sends " + chosen.types.stream().sorted().toList());
        }
        return new EventFilter(typeSet, roleSet, chosen, globs);
    }

    public boolean accepts(HubRecord record) {
        if (record.terminal()) {
            return true;
        }
        String type = record.type();
        if (!view.accepts(type) || !types.isEmpty() && !types.contains(type)) {
            return false;
        }
        Object payload = record.event().getPayload();
        if (!paths.isEmpty()) {
            String path = EventJson.pathOf(payload);
            if (path != null && !matchesPath(path)) {
                return false;
            }
        }
        if (roles.isEmpty()) {
            return true;
        }
        Set<String> concerned = EventJson.rolesOf(payload);
        return concerned.isEmpty() || concerned.stream().anyMatch(roles::contains);
    }

    // compiled for each event: a glob compiles in the time it takes to match, and nothing is shared
    // between clients (a cache keyed by what clients send grows with what they send)
    boolean matchesPath(String path) {
        return paths.stream().anyMatch(glob -> PathGlob.compile(glob).matches(path));
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The globs of a {@code paths} list: commas separate them, except inside a glob's own {@code {a,b}}. */
    static List<String> globs(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> globs = new java.util.ArrayList<>();
        StringBuilder glob = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == ',' && depth == 0) {
                globs.add(glob.toString());
                glob.setLength(0);
                continue;
            }
            glob.append(c);
            if (c == '\\' && i + 1 < list.length()) {
                glob.append(list.charAt(++i));
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            }
        }
        globs.add(glob.toString());
        return globs.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String kebab(String type) {
        if (type.contains("-")) {
            return type.toLowerCase(Locale.ROOT);
        }
        return type.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
