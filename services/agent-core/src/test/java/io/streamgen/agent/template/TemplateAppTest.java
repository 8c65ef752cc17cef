package io.streamgen.agent.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.agent.bus.OutputAnnouncements;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each role writes for a spec, and what its output announces. */
class TemplateAppTest {

    private final AppSpec spec = AppSpecs.from(TemplateAppNodeTest.blueprint(), "");

    private static List<String> regions(Role role, Phase phase, AppSpec spec) {
        return TemplateApp.parts(role, phase, spec).stream().map(p -> p.path() + "#" + p.region()).toList();
    }

    @Test
    void shouldSplitEachRolesShareIntoFilesAndRegions() {
        assertThat(regions(Role.API, Phase.SKELETON, spec))
                .containsExactly("package.json#null", "server/app.js#server-core", "server/main.js#main");
        assertThat(regions(Role.API, Phase.FEATURES, spec))
                .containsExactly("server/app.js#task-routes", "server/app.js#category-routes");
        assertThat(regions(Role.LOGIC, Phase.FEATURES, spec)).containsExactly("src/logic.js#task", "src/logic.js#category");
        assertThat(regions(Role.UI, Phase.SKELETON, spec))
                .containsExactly("public/index.html#page", "public/styles.css#base", "public/app.js#shell");
        assertThat(regions(Role.UI, Phase.FEATURES, spec)).containsExactly("public/app.js#TaskList", "public/app.js#CategoryList");
        assertThat(regions(Role.OPTIMIZATION, Phase.OPTIMIZE, spec)).containsExactly("src/logic.js#store");
        assertThat(regions(Role.TESTING, Phase.FEATURES, spec)).allMatch(r -> r.startsWith("test/logic.test.js"));
        assertThat(regions(Role.TESTING, Phase.TEST, spec)).allMatch(r -> r.startsWith("test/api.test.js"));
    }

    @Test
    void shouldAnnounceWhatEachRoleProvides() {
        var ui = OutputAnnouncements.components(TemplateApp.answer(Role.UI, Phase.FEATURES, spec));
        var logic = TemplateApp.parts(Role.LOGIC, Phase.FEATURES, spec).stream()
                .flatMap(p -> OutputAnnouncements.exports(p.path(), p.text(), "logic:").stream()).toList();
        var api = TemplateApp.parts(Role.API, Phase.FEATURES, spec).stream()
                .flatMap(p -> OutputAnnouncements.routes(p.path(), p.text()).stream()).toList();

        assertThat(ui).extracting(a -> a.name()).containsExactly("ui:TaskList", "ui:CategoryList");
        assertThat(ui.get(0).requires()).containsExactly("api:listTasks", "api:createTask", "api:deleteTask");
        assertThat(logic).extracting(a -> a.name()).contains("logic:createTask", "logic:listCategories");
        assertThat(api).filteredOn(a -> a.type() == MessageType.CONTRACT_PUBLISHED).extracting(a -> a.signature())
                .contains("GET /api/tasks -> Task[]", "POST /api/categories Category -> Category");
        // every API route the UI requires is provided
        assertThat(api.stream().map(a -> a.name()).toList()).containsAll(ui.get(0).requires());
    }

    @Test
    void shouldReadEntitiesFromThePromptWithoutABlueprint() {
        AppSpec fromPrompt = AppSpecs.from(null, "Build a recipe manager with ingredients, cooking time and a due date");

        assertThat(fromPrompt.entities()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Recipe");
            assertThat(e.plural()).isEqualTo("Recipes");
            assertThat(e.fields()).extracting(AppSpec.FieldSpec::name)
                    .containsExactly("title", "done", "ingredients", "cookingTime", "dueDate");
        });
        assertThat(AppSpecs.from(null, "").entities().get(0).name()).isEqualTo("Item");
        assertThat(AppSpec.pluralize("Category")).isEqualTo("Categories");
        assertThat(AppSpec.pluralize("Box")).isEqualTo("Boxes");
        assertThat(AppSpec.pluralize("Bookshelf")).isEqualTo("Bookshelves");
        assertThat(AppSpec.pluralize("bookshelf")).isEqualTo("bookshelves");
        assertThat(AppSpec.pluralize("Knife")).isEqualTo("Knives");
        assertThat(AppSpec.pluralize("Roof")).isEqualTo("Roofs");
        assertThat(AppSpec.pluralize("Person")).isEqualTo("People");
        assertThat(AppSpec.pluralize("SalesPerson")).isEqualTo("SalesPeople");
        assertThat(AppSpec.pluralize("Human")).isEqualTo("Humans");
        assertThat(AppSpec.pluralize("Child")).isEqualTo("Children");
        assertThat(AppSpec.pluralize("Series")).isEqualTo("Series");
        assertThat(AppSpec.pluralize("Potato")).isEqualTo("Potatoes");
        assertThat(AppSpec.pluralize("Photo")).isEqualTo("Photos");
        assertThat(AppSpec.pluralize("Day")).isEqualTo("Days");
        assertThat(AppSpec.pluralize("Quiz")).isEqualTo("Quizzes");
    }
}
