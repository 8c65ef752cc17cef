package io.streamgen.agent.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ContextEntry;
import io.streamgen.schema.ContextKind;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {

    private static AgentTask task(List<ContextEntry> context) {
        return AgentTask.newBuilder().setGenerationId("g").setTaskId("features-api").setPhase(Phase.FEATURES)
                .setRole(Role.API).setInstructions("write the REST endpoints").setPrompt("a todo app\nwith tags")
                .setBlueprint(SampleRecords.blueprint()).setContext(context).setCreatedAt(Instant.now()).build();
    }

    private static ContextEntry signature(int i) {
        return ContextEntry.newBuilder().setKind(ContextKind.SIGNATURE).setName("logic:rule" + i)
                .setText("rule" + i + "(state, input) -> state").build();
    }

    @Test
    void shouldCountTheSameTokensFromItsKeptCountsAsTheTokenizerDoes() {
        List<String> texts = List.of("", "export function add(a, b) { return a + b; }\n",
                "- file src/app.js:\n// @file src/app.js\nconst x = 1;\n", "ünïcödé 😀 \u202E", "x".repeat(10_000));
        for (String text : texts) {
            int counted = PromptBuilder.countTokens(text);
            assertThat(PromptBuilder.countedTokens(text)).as("first").isEqualTo(counted);
            assertThat(PromptBuilder.countedTokens(new String(text))).as("again, an equal string").isEqualTo(counted);
        }
    }

    @Test
    void shouldBuildTheMessagesFromTheTemplatesOnTheClassPath() {
        var messages = PromptBuilder.fromClasspath(6000).messages(task(List.of(signature(1))), List.of("use tags"));

        String system = ((SystemMessage) messages.get(0)).text();
        String user = ((UserMessage) messages.get(1)).singleText();
        assertThat(system).contains("You are the API agent").contains("test role guide").contains("// @file");
        assertThat(user).contains("Phase: FEATURES").contains("write the REST endpoints")
                .contains("The person watching asked you to: use tags")
                .contains("- signature logic:rule1: rule1(state, input) -> state");
        TaskCard card = TaskCard.find(user).orElseThrow();
        assertThat(card.role()).isEqualTo(Role.API);
        assertThat(card.phase()).isEqualTo(Phase.FEATURES);
        assertThat(card.blueprint()).isEqualTo(SampleRecords.blueprint());
        assertThat(card.request()).isEqualTo("a todo app with tags");
    }

    @Test
    void shouldKeepTheNewestContextWithinTheTokenBudget() {
        List<ContextEntry> many = IntStream.range(0, 200).mapToObj(PromptBuilderTest::signature).toList();
        PromptBuilder builder = new PromptBuilder("{{role_guide}}", "{{context}}", "", 100);

        String context = builder.context(many);

        assertThat(context).contains("logic:rule199").doesNotContain("logic:rule0:");
        assertThat(PromptBuilder.countTokens(context.substring(0, context.indexOf("(")))).isLessThanOrEqualTo(100);
        assertThat(context).containsPattern("\\(\\d+ entries left out: over the budget\\)");
    }

    private static ContextEntry file(String path, String text) {
        return ContextEntry.newBuilder().setKind(ContextKind.FILE).setName(path).setText(text).build();
    }

    @Test
    void shouldSkipWhatDoesNotFitInsteadOfStoppingThere() {
        String huge = "export function big(a) {\n" + "  a = a + 1;\n".repeat(2000) + "  return a;\n}\n";
        List<ContextEntry> entries = List.of(signature(1), file("src/logic.js", huge), signature(2),
                file("src/small.js", "export const small = (x) => x;"));
        PromptBuilder builder = new PromptBuilder("{{role_guide}}", "{{context}}", "", 300);

        String context = builder.context(entries);

        assertThat(context).as("the small file, both signatures and the big file's summary all fit")
                .contains("// @file src/small.js\nexport const small = (x) => x;\n")
                .contains("logic:rule1", "logic:rule2")
                .contains("// @file src/logic.js\n// (summary: exports only)\nexport function big(a)")
                .contains("(1 file shown by signatures only");
        assertThat(context).doesNotContain("a = a + 1;");
    }

    @Test
    void shouldShowFilesWithALineBreakBeforeTheNextEntry() {
        PromptBuilder builder = new PromptBuilder("{{role_guide}}", "{{context}}", "", 1000);

        String context = builder.context(List.of(file("src/a.js", "const a = 1;"), file("src/b.js", "// @region b\nconst b = 2;\n// @endregion")));

        assertThat(context).contains("const a = 1;\n- file src/b.js:\n// @file src/b.js\n// @region b");
    }

    @Test
    void shouldGiveEveryRoleTheLayoutContractAndAskForAContinuationInAUserTurn() {
        var builder = PromptBuilder.fromClasspath(6000);
        var messages = builder.continuation(task(List.of()), List.of(), 1.0, "// @file server/app.js\n// @region core\nconst x = 1;\n");

        assertThat(((SystemMessage) messages.get(0)).text()).contains("`server/app.js` (api)", "createApp(");
        assertThat(messages.get(2)).isInstanceOf(dev.langchain4j.data.message.AiMessage.class);
        assertThat(((dev.langchain4j.data.message.AiMessage) messages.get(2)).text()).endsWith("const x = 1;");
        assertThat(((UserMessage) messages.get(3)).singleText()).contains("Continue from exactly where it stops");
    }
}
