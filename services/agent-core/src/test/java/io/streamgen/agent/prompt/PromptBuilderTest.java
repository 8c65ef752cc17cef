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

    private static ContextEntry entry(ContextKind kind, String name, String text) {
        return ContextEntry.newBuilder().setKind(kind).setName(name).setText(text).build();
    }

    private static String bigFile(String name, int lines) {
        return "export function " + name + "(a) {\n" + "  a = a + 1;\n".repeat(lines) + "  return a;\n}\n";
    }

    @Test
    void shouldCountEachModelWithItsFamilysTokenizer() {
        assertThat(ModelTokenizer.forModel("openai:gpt-4o-mini").name()).isEqualTo("o200k_base");
        assertThat(ModelTokenizer.forModel("openai:gpt-4.1").name()).isEqualTo("o200k_base");
        assertThat(ModelTokenizer.forModel("openai:o3-mini").name()).isEqualTo("o200k_base");
        assertThat(ModelTokenizer.forModel("openai:gpt-4").name()).isEqualTo("cl100k_base");
        assertThat(ModelTokenizer.forModel("anthropic:claude-sonnet-4").exact()).isFalse();
        assertThat(ModelTokenizer.forModel("ollama:qwen2.5-coder").name()).isEqualTo("cl100k_base (approximation)");
        String text = "const ünïcödé = '日本語のテキスト'; // " + "x".repeat(50);
        assertThat(ModelTokenizer.forModel("openai:gpt-4o").count(text))
                .as("o200k and cl100k split this differently").isNotEqualTo(ModelTokenizer.forModel("openai:gpt-4").count(text));
    }

    @Test
    void shouldGiveEachModelTheBudgetItsWindowLeaves() {
        List<ContextEntry> many = IntStream.range(0, 400).mapToObj(PromptBuilderTest::signature).toList();
        ModelContexts contexts = new ModelContexts(java.util.Map.of("ollama:*", 3000, "openai:tiny", 1500), 16384, 1000, 6000);
        PromptBuilder builder = PromptBuilder.fromClasspath(contexts);

        Prompt small = builder.prompt(task(many), List.of(), 1.0, "ollama:llama3");
        Prompt tiny = builder.prompt(task(many), List.of(), 1.0, "openai:tiny");
        Prompt large = builder.prompt(task(many), List.of(), 1.0, "openai:gpt-4o");

        assertThat(large.report().getBudgetTokens()).as("capped by context-budget-tokens").isEqualTo(6000);
        assertThat(large.report().getTokenizer()).isEqualTo("o200k_base");
        assertThat(small.report().getBudgetTokens()).isLessThan(3000 - 1000).isGreaterThan(0);
        assertThat(small.tokens()).as("the prompt fits the window less the answer's reserve").isLessThanOrEqualTo(3000 - 1000);
        assertThat(tiny.report().getBudgetTokens()).as("never below the floor").isEqualTo(ModelContext.FLOOR_TOKENS);
        assertThat(small.trimmed()).isTrue();
        assertThat(small.report().getDropped()).contains("signature logic:rule0").doesNotContain("signature logic:rule399");
        assertThat(small.tokensSaved()).isEqualTo(small.report().getWholeTokens() - small.report().getUsedTokens()).isPositive();
        assertThat(large.report().getWholeTokens()).isGreaterThan(small.report().getWholeTokens() / 2);
    }

    @Test
    void shouldSummariseTheLeastRelevantEntriesBeforeDroppingAny() {
        // two files the task edits, each fitting alone; together they do not, with the signatures
        List<ContextEntry> entries = new java.util.ArrayList<>(IntStream.range(1, 30).mapToObj(PromptBuilderTest::signature).toList());
        entries.add(1, entry(ContextKind.FILE, "src/a.js", bigFile("alpha", 30)));
        entries.add(2, entry(ContextKind.FILE, "src/b.js", bigFile("beta", 30)));
        int whole = entries.stream().mapToInt(e -> PromptBuilder.countTokens(ContextPlanner.render(e, e.getText()))).sum();
        int budget = whole - 200;

        ContextPlanner.Plan plan = ContextPlanner.plan(task(entries), entries, budget, PromptBuilder::countTokens);

        assertThat(plan.dropped()).isEmpty();
        assertThat(plan.summarised()).as("the older file is the less relevant one").containsExactly("file src/a.js");
        assertThat(plan.usedTokens()).isLessThanOrEqualTo(budget);
        assertThat(plan.wholeTokens()).isEqualTo(whole);
        assertThat(plan.text()).contains("export function alpha(a)").doesNotContain("alpha(a) {\n  a = a + 1;")
                .contains("export function beta(a) {\n  a = a + 1;").contains("logic:rule1", "logic:rule2", "logic:rule3");
    }

    @Test
    void shouldNeverLetOneOversizedEntryEvictTheRest() {
        String hugeLine = "routes: " + "GET /api/things/{id} -> Thing; ".repeat(3000);
        String manyExports = IntStream.range(0, 3000).mapToObj(i -> "export const e" + i + " = " + i + ";\n")
                .collect(java.util.stream.Collectors.joining());
        List<ContextEntry> entries = List.of(signature(1), entry(ContextKind.CONTRACT, "api:routes", hugeLine),
                signature(2), entry(ContextKind.FILE, "src/exports.js", manyExports), signature(3));

        ContextPlanner.Plan plan = ContextPlanner.plan(task(entries), entries, 400, PromptBuilder::countTokens);

        assertThat(plan.text()).contains("logic:rule1", "logic:rule2", "logic:rule3");
        assertThat(plan.summarised()).as("the contract is cut to its first line").containsExactly("contract api:routes");
        assertThat(plan.dropped()).as("a file too large even by its exports goes alone").containsExactly("file src/exports.js");
        assertThat(plan.usedTokens()).isLessThanOrEqualTo(400);
    }

    @Test
    void shouldKeepWhatTheTaskDependsOnWhenSomethingMustGo() {
        List<ContextEntry> many = new java.util.ArrayList<>(IntStream.range(0, 200).mapToObj(PromptBuilderTest::signature).toList());
        many.add(0, entry(ContextKind.SIGNATURE, "logic:needed", "needed(todo) -> boolean"));
        AgentTask waiting = AgentTask.newBuilder(task(many)).setDependsOn(List.of("logic:needed")).build();

        ContextPlanner.Plan plan = ContextPlanner.plan(waiting, many, 150, PromptBuilder::countTokens);

        assertThat(plan.text()).contains("logic:needed");
        assertThat(plan.dropped()).contains("signature logic:rule0").doesNotContain("signature logic:needed");
    }

    @Test
    void shouldReportNothingCutWhenEverythingFits() {
        Prompt prompt = PromptBuilder.fromClasspath(6000).prompt(task(List.of(signature(1))), List.of(), 1.0, "template");

        assertThat(prompt.trimmed()).isFalse();
        assertThat(prompt.tokensSaved()).isZero();
        assertThat(prompt.tokens()).isGreaterThan(prompt.report().getUsedTokens());
    }
}
