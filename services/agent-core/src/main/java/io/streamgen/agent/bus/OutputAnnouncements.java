package io.streamgen.agent.bus;

import io.streamgen.schema.MessageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readers for what the roles' prompts ask models to write, shared by the role services. */
public final class OutputAnnouncements {

    private static final Pattern COMPONENT = Pattern.compile(
            "@component\\s+([A-Za-z_$][\\w$]*)(?:\\s+requires\\s+([^\\n]*?))?\\s*(?:\\*/|-->)?\\s*$", Pattern.MULTILINE);
    private static final Pattern EXPORTED_FUNCTION = Pattern.compile(
            "^export\\s+(?:async\\s+)?function\\s+([A-Za-z_$][\\w$]*)\\s*\\(([^)]*)\\)", Pattern.MULTILINE);
    private static final Pattern ROUTE = Pattern.compile(
            "@route\\s+(GET|POST|PUT|PATCH|DELETE)\\s+(\\S+)\\s+([A-Za-z_$][\\w$]*)((?:\\s+[^\\n]*?)?)\\s*$", Pattern.MULTILINE);

    private OutputAnnouncements() {
    }

    /** {@code @component Name requires api:x, logic:y} → COMPONENT_CREATED ui:Name with its requirements. */
    public static List<Announcement> components(String output) {
        Map<String, Announcement> found = new LinkedHashMap<>();
        Matcher m = COMPONENT.matcher(output);
        while (m.find()) {
            List<String> requires = m.group(2) == null ? List.of() : Arrays.stream(m.group(2).split("[,\\s]+"))
                    .map(String::trim).filter(r -> r.contains(":")).toList();
            found.put(m.group(1), new Announcement(MessageType.COMPONENT_CREATED, "ui:" + m.group(1),
                    m.group(1) + "(root)", requires));
        }
        return new ArrayList<>(found.values());
    }

    /** {@code export function name(a, b)} → PROVIDES prefix:name with its signature. */
    public static List<Announcement> exportedFunctions(String output, String prefix) {
        Map<String, Announcement> found = new LinkedHashMap<>();
        Matcher m = EXPORTED_FUNCTION.matcher(output);
        while (m.find()) {
            String signature = m.group(1) + "(" + m.group(2).trim().replaceAll("\\s+", " ") + ")";
            found.put(m.group(1), new Announcement(MessageType.PROVIDES, prefix + m.group(1), signature, List.of()));
        }
        return new ArrayList<>(found.values());
    }

    /**
     * {@code @route POST /api/todos createTodo Todo -> Todo} → CONTRACT_PUBLISHED api:createTodo
     * ("POST /api/todos Todo -> Todo") and PROVIDES api:createTodo.
     */
    public static List<Announcement> routes(String output) {
        List<Announcement> found = new ArrayList<>();
        Matcher m = ROUTE.matcher(output);
        while (m.find()) {
            String contract = (m.group(1) + " " + m.group(2) + " " + m.group(4).trim()).trim();
            String name = "api:" + m.group(3);
            found.add(new Announcement(MessageType.CONTRACT_PUBLISHED, name, contract, List.of()));
            found.add(new Announcement(MessageType.PROVIDES, name, contract, List.of()));
        }
        return found;
    }
}
