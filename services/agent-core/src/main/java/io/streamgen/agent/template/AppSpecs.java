package io.streamgen.agent.template;

import io.streamgen.schema.Blueprint;
import io.streamgen.schema.Entity;
import io.streamgen.schema.EntityField;
import io.streamgen.agent.template.AppSpec.EntitySpec;
import io.streamgen.agent.template.AppSpec.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the {@link AppSpec} from a request's blueprint or, without one, from its prompt. */
public final class AppSpecs {

    private static final Pattern SUBJECT = Pattern.compile(
            "\\b(?:a|an|the|my|simple)\\s+([a-z][a-z0-9]*)\\s+(?:app|application|tracker|manager|list|board|service|api|tool|site|store)\\b");
    private static final Pattern MANAGE = Pattern.compile("\\b(?:manage|track|list|organi[sz]e|store|record)s?\\s+(?:my\\s+|the\\s+)?([a-z][a-z0-9]*)");
    private static final Pattern WITH = Pattern.compile("\\bwith\\s+([a-z0-9 ,]+?)(?:\\.|;|$|\\bthat\\b|\\bwhich\\b|\\bfor\\b)");
    private static final Set<String> NOT_FIELDS = Set.of("and", "a", "an", "the", "some", "their", "its", "own");

    private AppSpecs() {
    }

    public static AppSpec from(Blueprint blueprint, String prompt) {
        if (blueprint != null && !blueprint.getEntities().isEmpty()) {
            return fromBlueprint(blueprint);
        }
        return fromPrompt(prompt == null ? "" : prompt);
    }

    static AppSpec fromBlueprint(Blueprint blueprint) {
        List<EntitySpec> entities = new ArrayList<>();
        for (Entity entity : blueprint.getEntities()) {
            List<FieldSpec> fields = new ArrayList<>();
            for (EntityField field : entity.getFields()) {
                fields.add(new FieldSpec(AppSpec.camel(field.getName()), field.getType(), field.getRequired()));
            }
            if (fields.isEmpty()) {
                fields.add(new FieldSpec("name", "string", true));
            }
            entities.add(new EntitySpec(AppSpec.pascal(entity.getName()), distinct(fields)));
        }
        String name = blueprint.getAppName().isBlank() ? entities.get(0).name() + " app" : blueprint.getAppName();
        return new AppSpec(name, entities);
    }

    /** "a todo app with tags and due dates" → Todo { title, done, tags, dueDates }. */
    static AppSpec fromPrompt(String prompt) {
        String text = prompt.toLowerCase(Locale.ROOT);
        String subject = firstGroup(SUBJECT, text);
        if (subject == null) {
            subject = singular(firstGroup(MANAGE, text));
        }
        String entity = AppSpec.pascal(subject == null ? "item" : subject);
        List<FieldSpec> fields = new ArrayList<>(List.of(new FieldSpec("title", "string", true),
                new FieldSpec("done", "boolean", false)));
        String with = firstGroup(WITH, text);
        if (with != null) {
            for (String part : with.split(",|\\band\\b")) {
                String words = String.join(" ", java.util.Arrays.stream(part.trim().split("\\s+"))
                        .filter(w -> !w.isEmpty() && !NOT_FIELDS.contains(w)).toList());
                if (!words.isEmpty()) {
                    fields.add(new FieldSpec(AppSpec.camel(words), words.contains("date") ? "date" : "string", false));
                }
            }
        }
        return new AppSpec(entity + " app", List.of(new EntitySpec(entity, distinct(fields))));
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1).trim() : null;
    }

    private static String singular(String word) {
        if (word == null) {
            return null;
        }
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        return word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    private static List<FieldSpec> distinct(List<FieldSpec> fields) {
        Set<String> seen = new LinkedHashSet<>();
        return fields.stream().filter(f -> seen.add(f.name())).toList();
    }
}
