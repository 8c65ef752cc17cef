package io.streamgen.agent.template;

import java.util.List;
import java.util.Locale;

/** What the template model builds: an app name and its entities, with names safe for code. */
public record AppSpec(String appName, List<EntitySpec> entities) {

    /** One entity and the names the generated code uses for it. */
    public record EntitySpec(String name, List<FieldSpec> fields) {
        public String lower() {
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }

        public String plural() {
            return pluralize(name);
        }

        public String lowerPlural() {
            return pluralize(lower());
        }

        public boolean hasRequiredField() {
            return fields.stream().anyMatch(FieldSpec::required);
        }
    }

    /** One field: name, type (string, number, boolean or date; anything else is a string). */
    public record FieldSpec(String name, String type, boolean required) {
        public FieldSpec {
            type = switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
                case "number", "int", "integer", "float", "double", "long", "decimal" -> "number";
                case "boolean", "bool" -> "boolean";
                case "date", "datetime", "timestamp" -> "date";
                default -> "string";
            };
        }
    }

    public AppSpec {
        if (entities.isEmpty()) {
            throw new IllegalArgumentException("an app needs at least one entity");
        }
        entities = List.copyOf(entities);
    }

    /** "task board" becomes "task-board": the package name. */
    public String slug() {
        String slug = appName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "app" : slug;
    }

    /** A Java/JavaScript identifier in PascalCase from any text ("todo item" becomes "TodoItem"). */
    public static String pascal(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        String id = out.toString();
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "Item" + id : id;
    }

    /** camelCase identifier from any text. */
    public static String camel(String text) {
        String pascal = pascal(text);
        return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    static String pluralize(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return word + "es";
        }
        return word + "s";
    }
}
