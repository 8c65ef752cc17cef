package io.streamgen.agent.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamgen.schema.Blueprint;
import io.streamgen.schema.Entity;
import io.streamgen.schema.EntityField;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five roles' template answers for one blueprint make a project whose own tests pass. */
class TemplateAppNodeTest {

    @TempDir
    Path project;

    static Blueprint blueprint() {
        return Blueprint.newBuilder().setAppName("Team board").setEntities(List.of(
                Entity.newBuilder().setName("Task").setFields(List.of(
                        EntityField.newBuilder().setName("title").setType("string").setRequired(true).build(),
                        EntityField.newBuilder().setName("estimate").setType("number").setRequired(false).build(),
                        EntityField.newBuilder().setName("done").setType("boolean").setRequired(false).build(),
                        EntityField.newBuilder().setName("due").setType("date").setRequired(false).build())).build(),
                Entity.newBuilder().setName("Category").setFields(List.of(
                        EntityField.newBuilder().setName("label").setType("string").setRequired(true).build())).build()))
                .build();
    }

    /** Every role's answers in phase order, as the coordinator would apply them. */
    static ProjectAssembler wholeProject(AppSpec spec) {
        ProjectAssembler project = new ProjectAssembler();
        for (Role role : List.of(Role.UI, Role.LOGIC, Role.API)) {
            project.add(TemplateApp.answer(role, Phase.SKELETON, spec));
        }
        for (Role role : List.of(Role.UI, Role.LOGIC, Role.API, Role.TESTING)) {
            project.add(TemplateApp.answer(role, Phase.FEATURES, spec));
        }
        project.add(TemplateApp.answer(Role.OPTIMIZATION, Phase.OPTIMIZE, spec));
        project.add(TemplateApp.answer(Role.TESTING, Phase.TEST, spec));
        return project;
    }

    @Test
    void shouldPassItsOwnNodeTestsFromABlueprint() throws Exception {
        ProjectAssembler assembled = wholeProject(AppSpecs.from(blueprint(), ""));
        assembled.writeTo(project);

        assertThat(assembled.files()).containsKeys("package.json", "server/app.js", "server/main.js", "src/logic.js",
                "public/index.html", "public/app.js", "public/styles.css", "test/logic.test.js", "test/api.test.js");
        assertThat(assembled.files().get("src/logic.js")).contains("memoised").contains("export function createTask(");
        assertNodeTestsPass();
    }

    @Test
    void shouldPassItsOwnNodeTestsFromAPromptAlone() throws Exception {
        wholeProject(AppSpecs.from(null, "Build a recipe manager with ingredients and cooking time")).writeTo(project);

        assertNodeTestsPass();
    }

    private void assertNodeTestsPass() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        Process node = new ProcessBuilder("node", "--test").directory(project.toFile()).redirectErrorStream(true).start();
        boolean finished = node.waitFor(60, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("node --test finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }

    private static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
