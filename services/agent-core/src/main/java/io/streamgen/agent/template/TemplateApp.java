package io.streamgen.agent.template;

import io.streamgen.agent.template.AppSpec.EntitySpec;
import io.streamgen.agent.template.AppSpec.FieldSpec;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.source.Directive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The offline model's answers: each role's share of a small, dependency-free JavaScript app (a Node
 * {@code http} server over an in-memory store, an ES-module UI, {@code node --test} tests), written
 * with the same {@code @file} and {@code @region} markers a real model is asked for. The code lives
 * in resources under {@code streamgen/template-app/}; entity-specific parts are instantiated once
 * per entity. The union of the roles' answers for one spec is a project whose tests pass.
 */
public final class TemplateApp {

    private static final String ROOT = "streamgen/template-app/";
    private static final Map<String, String> RESOURCES = new ConcurrentHashMap<>();

    private TemplateApp() {
    }

    /** A file region of the answer; a null region is a whole file without markers. */
    public record Part(String path, String region, String text) {
    }

    /** The whole answer of {@code role} for {@code phase}, as the model streams it. */
    public static String answer(Role role, Phase phase, AppSpec spec) {
        StringBuilder out = new StringBuilder();
        String currentPath = null;
        for (Part part : parts(role, phase, spec)) {
            if (!part.path().equals(currentPath)) {
                out.append(Directive.file(part.path()));
                currentPath = part.path();
            }
            if (part.region() == null) {
                out.append(part.text());
            } else {
                out.append(Directive.regionStart(part.path(), part.region())).append(part.text())
                        .append(Directive.regionEnd(part.path()));
            }
        }
        return out.toString();
    }

    public static List<Part> parts(Role role, Phase phase, AppSpec spec) {
        boolean skeleton = phase == Phase.SKELETON;
        List<Part> parts = new ArrayList<>();
        switch (role) {
            case API -> {
                if (skeleton) {
                    parts.add(new Part("package.json", null, render("package.json", spec, null)));
                    parts.add(new Part("server/app.js", "server-core", render("server/app.core.js", spec, null)));
                    parts.add(new Part("server/main.js", "main", render("server/main.js", spec, null)));
                } else {
                    spec.entities().forEach(e -> parts.add(new Part("server/app.js", e.lower() + "-routes",
                            render("server/app.entity.js", spec, e))));
                }
            }
            case LOGIC -> {
                if (skeleton) {
                    parts.add(new Part("src/logic.js", "validation", render("src/logic.validation.js", spec, null)));
                    parts.add(new Part("src/logic.js", "store", render("src/logic.store.js", spec, null)));
                } else {
                    spec.entities().forEach(e -> parts.add(new Part("src/logic.js", e.lower(),
                            render("src/logic.entity.js", spec, e))));
                }
            }
            case UI -> {
                if (skeleton) {
                    parts.add(new Part("public/index.html", "page", render("public/index.html", spec, null)));
                    parts.add(new Part("public/styles.css", "base", render("public/styles.css", spec, null)));
                    parts.add(new Part("public/app.js", "shell", render("public/app.core.js", spec, null)));
                } else {
                    spec.entities().forEach(e -> parts.add(new Part("public/app.js", e.name() + "List",
                            render("public/app.entity.js", spec, e))));
                }
            }
            case OPTIMIZATION -> parts.add(new Part("src/logic.js", "store", render("src/logic.store.optimized.js", spec, null)));
            case TESTING -> {
                // alongside FEATURES: the logic's tests; in TEST (which only runs after those): the API's
                if (phase != Phase.TEST) {
                    parts.add(new Part("test/logic.test.js", "imports", render("test/logic.core.test.js", spec, null)));
                    for (EntitySpec e : spec.entities()) {
                        String text = render("test/logic.entity.test.js", spec, e)
                                + (e.hasRequiredField() ? render("test/logic.entity.required.test.js", spec, e) : "");
                        parts.add(new Part("test/logic.test.js", e.lower(), "\n" + text));
                    }
                }
                if (phase != Phase.FEATURES) {
                    parts.add(new Part("test/api.test.js", "setup", render("test/api.core.test.js", spec, null)));
                    spec.entities().forEach(e -> parts.add(new Part("test/api.test.js", e.lower(),
                            render("test/api.entity.test.js", spec, e))));
                }
            }
            default -> throw new IllegalArgumentException("no template for role " + role);
        }
        return parts;
    }

    private static String render(String resource, AppSpec spec, EntitySpec entity) {
        String text = RESOURCES.computeIfAbsent(resource, TemplateApp::load)
                .replace("__APP__", spec.appName())
                .replace("__app__", spec.slug());
        if (entity != null) {
            text = text.replace("__SCHEMA_FIELDS__", schemaFields(entity))
                    .replace("__UI_FIELDS__", uiFields(entity))
                    .replace("__SAMPLE__", sample(entity))
                    .replace("__Entities__", entity.plural())
                    .replace("__entities__", entity.lowerPlural())
                    .replace("__Entity__", entity.name())
                    .replace("__entity__", entity.lower());
        }
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static String schemaFields(EntitySpec entity) {
        return entity.fields().stream()
                .map(f -> "  " + f.name() + ": { type: '" + f.type() + "', required: " + f.required() + " },")
                .collect(Collectors.joining("\n"));
    }

    private static String uiFields(EntitySpec entity) {
        return entity.fields().stream()
                .map(f -> "  { name: '" + f.name() + "', type: '" + f.type() + "', required: " + f.required() + " },")
                .collect(Collectors.joining("\n"));
    }

    /** A valid record of the entity as a JavaScript object literal. */
    static String sample(EntitySpec entity) {
        return entity.fields().stream().map(f -> f.name() + ": " + sampleValue(f))
                .collect(Collectors.joining(", ", "{ ", " }"));
    }

    private static String sampleValue(FieldSpec field) {
        return switch (field.type()) {
            case "number" -> "42";
            case "boolean" -> "true";
            case "date" -> "'2026-01-01'";
            default -> "'sample " + field.name() + "'";
        };
    }

    private static String load(String resource) {
        try (InputStream in = TemplateApp.class.getClassLoader().getResourceAsStream(ROOT + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + ROOT + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
