package io.streamgen.agent.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** Plurals that no suffix rule gives. */
    private static final Map<String, String> IRREGULAR = Map.of("person", "people", "child", "children",
            "mouse", "mice", "goose", "geese", "tooth", "teeth", "foot", "feet", "man", "men", "woman", "women", "quiz", "quizzes");
    /** Words whose plural is the word. */
    private static final Set<String> SAME = Set.of("sheep", "fish", "deer", "series", "species", "data", "news",
            "equipment", "information", "aircraft", "software", "feedback", "metadata");
    /** Words ending in f or fe whose plural ends in ves (roof, chief and belief just take s). */
    private static final Set<String> F_TO_VES = Set.of("shelf", "leaf", "knife", "life", "wife", "half", "wolf", "calf",
            "loaf", "thief", "self", "elf", "scarf");
    private static final Set<String> O_TO_OES = Set.of("hero", "potato", "tomato", "echo", "veto", "torpedo");

    /** English plural of an entity name, keeping its case ("Bookshelf" → "Bookshelves", "Category" → "Categories"). */
    static String pluralize(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (String same : SAME) {
            if (lower.endsWith(same)) {
                return word;
            }
        }
        for (Map.Entry<String, String> irregular : IRREGULAR.entrySet()) {
            String singular = irregular.getKey();
            // short ones only as whole words: "human" is not a kind of "man"
            if (singular.length() <= 5 ? lower.equals(singular) : lower.endsWith(singular)) {
                return replaceEnd(word, singular.length(), irregular.getValue());
            }
        }
        for (String f : F_TO_VES) {
            if (lower.endsWith(f)) {
                int cut = f.endsWith("fe") ? 2 : 1;
                return replaceEnd(word, cut, "ves");
            }
        }
        for (String o : O_TO_OES) {
            if (lower.endsWith(o)) {
                return word + "es";
            }
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return replaceEnd(word, 1, "ies");
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return word + "es";
        }
        return word + "s";
    }

    /** {@code word} with its last {@code n} characters replaced by {@code ending}, in the case of what it replaces. */
    private static String replaceEnd(String word, int n, String ending) {
        int at = word.length() - n;
        boolean upper = Character.isUpperCase(word.charAt(at));
        return word.substring(0, at) + (upper ? Character.toUpperCase(ending.charAt(0)) + ending.substring(1) : ending);
    }
}
