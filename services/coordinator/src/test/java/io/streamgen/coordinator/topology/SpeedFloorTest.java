package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SwitchCause;
import io.streamgen.schema.event.ModelChanged;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quality that follows speed: UI has a floor of 40 tokens/s over 10 s, a faster model, headroom 2. */
class SpeedFloorTest extends PricedAndFlooredTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void givenAUiTaskBelowTheFloorForTheWindow_thenLaterUiTasksGetTheFasterModelAndComeBackWithHeadroom() {
        driver.request(driver.newRequest(flags().setParallel(true).build()).setModels(Map.of("UI", "ollama:big"))
                .build());
        streaming("skeleton-ui", "ollama:big", 12, 0);
        streaming("skeleton-ui", "ollama:big", 15, 6);
        assertThat(driver.events(ModelChanged.class)).as("6 s is short of the window").isEmpty();
        streaming("skeleton-ui", "ollama:big", 12, 10);

        assertThat(driver.events(ModelChanged.class)).extracting(ModelChanged::getRole, ModelChanged::getTaskId,
                m -> m.getChange().getFromModel(), m -> m.getChange().getToModel(), m -> m.getChange().getCause(),
                m -> m.getChange().getReason())
                .containsExactly(tuple(Role.UI, null, "ollama:big", "openai:fast", SwitchCause.SLOW,
                        "ui: 12 tokens/s < floor 40 for 10 s"));
        assertThat(driver.tasks(Role.UI)).extracting(AgentTask::getModel).as("the running task keeps its model")
                .containsExactly("ollama:big");

        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "src/logic.js", null, "// logic\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");
        assertThat(driver.tasks(Role.UI)).extracting(AgentTask::getTaskId, AgentTask::getModel)
                .containsExactly(tuple("features-ui", "openai:fast"));
        assertThat(driver.tasks(Role.API)).extracting(AgentTask::getModel).as("other roles keep theirs")
                .hasSize(2).containsOnlyNulls();

        streaming("features-ui", "openai:fast", 95, 100);
        streaming("features-ui", "openai:fast", 79, 105);
        streaming("features-ui", "openai:fast", 90, 106);
        streaming("features-ui", "openai:fast", 85, 116);
        assertThat(driver.events(ModelChanged.class)).extracting(m -> m.getChange().getCause(),
                m -> m.getChange().getToModel(), m -> m.getChange().getReason())
                .as("79 tokens/s broke the first run; the second held 10 s")
                .containsExactly(tuple(SwitchCause.SLOW, "openai:fast", "ui: 12 tokens/s < floor 40 for 10 s"),
                        tuple(SwitchCause.RECOVERED, "ollama:big", "ui: 85 tokens/s >= 2 × floor 40 for 10 s"));
        assertThat(driver.state().speed.get(Role.UI).override).as("later UI tasks get the preferred model").isNull();
        assertThat(driver.state().analytics.modelChanges).isEqualTo(2);
    }

    private void streaming(String taskId, String model, double rate, int second) {
        driver.send(driver.newStatus(taskId, 1, Role.UI, taskId.startsWith("skeleton") ? Phase.SKELETON : Phase.FEATURES,
                AgentState.STREAMING).setModel(model).setTokensPerSecond(rate).setTokens(10 + second)
                .setAt(T0.plusSeconds(second)).build());
    }
}
