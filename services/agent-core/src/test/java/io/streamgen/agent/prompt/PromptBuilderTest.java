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
        assertThat(context).containsPattern("\\(\\d+ older entries left out\\)");
    }
}
