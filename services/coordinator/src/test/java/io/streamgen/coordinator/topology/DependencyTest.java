package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.AgentTask;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyTest extends WiredTopologyTest {

    @Test
    void givenATaskThatNamesARequirement_whenItsTurnComes_thenItWaitsUntilAnAgentProvidesIt() {
        driver.request(flags().build());
        finishSkeleton();
        driver.bus(Role.LOGIC, MessageType.REQUIRES, "api:saveTodo");
        driver.write("features-api", Role.API, Phase.FEATURES, "server.js", "routes", "// routes\n");

        assertThat(driver.taskIds(Role.LOGIC)).as("features-logic waits for api:saveTodo").isEmpty();
        assertThat(driver.taskIds(Role.API)).as("nothing else can move: API is asked to provide it")
                .containsExactly("features-api-provide");

        driver.bus(Role.API, MessageType.PROVIDES, "api:saveTodo");
        List<AgentTask> logic = driver.tasks(Role.LOGIC);
        assertThat(logic).extracting(AgentTask::getTaskId).as("released by the PROVIDES, before the provider ends")
                .containsExactly("features-logic");
        assertThat(logic.get(0).getDependsOn()).containsExactly("api:saveTodo");
        assertThat(logic.get(0).getContext()).anySatisfy(c -> assertThat(c.getText()).isEqualTo("api:saveTodo()"));
    }

    @Test
    void givenARequirementNobodyProvides_whenItsPhaseEnds_thenATaskIsCreatedForTheRoleItsPrefixNames() {
        driver.request(flags().setParallel(true).build());
        driver.bus(Role.UI, MessageType.REQUIRES, "logic:filterTodos");
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "state.js", null, "// state\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");

        List<AgentTask> logic = driver.tasks(Role.LOGIC);
        assertThat(logic).extracting(AgentTask::getTaskId).containsExactly("skeleton-logic", "skeleton-logic-provide");
        assertThat(logic.get(1).getInstructions()).contains("logic:filterTodos");
        assertThat(driver.events(PhaseChanged.class)).noneMatch(p -> p.getState() == PhaseState.COMPLETED);

        driver.bus(Role.LOGIC, MessageType.PROVIDES, "logic:filterTodos");
        driver.write("skeleton-logic-provide", Role.LOGIC, Phase.SKELETON, "state.js", "filter", "// filter\n");
        assertThat(driver.events(PhaseChanged.class)).anyMatch(p -> p.getState() == PhaseState.COMPLETED);
    }

    @Test
    void givenARequirementTheCreatedTaskDoesNotProvide_whenThatTaskEnds_thenTheGenerationFailsClearly() {
        driver.request(flags().setParallel(true).build());
        driver.bus(Role.UI, MessageType.REQUIRES, "api:search");
        finishSkeleton();
        driver.write("skeleton-api-provide", Role.API, Phase.SKELETON, "server.js", null, "// nothing\n");

        GenerationFailed failed = driver.events(GenerationFailed.class).get(0);
        assertThat(failed.getReason()).contains("api:search").contains("cannot be met");
    }

    @Test
    void givenARequirementWithAPrefixNoRoleOwns_whenThePhaseEnds_thenTheGenerationFails() {
        driver.request(flags().setParallel(true).build());
        driver.bus(Role.UI, MessageType.REQUIRES, "db:todos");
        finishSkeleton();

        assertThat(driver.events(GenerationFailed.class).get(0).getReason())
                .isEqualTo("requirement db:todos cannot be met: no role owns its prefix");
    }

    @Test
    void givenRolesThatWaitOnEachOther_whenNothingCanMove_thenTheGenerationFailsWithTheCycle() {
        driver.request(flags().setParallel(true).build());
        driver.bus(Role.UI, MessageType.REQUIRES, "api:fetchTodos");
        driver.bus(Role.API, MessageType.REQUIRES, "ui:renderHook");
        finishSkeleton();

        assertThat(driver.events(GenerationFailed.class).get(0).getReason())
                .startsWith("dependency cycle:").contains("UI needs api:fetchTodos").contains("API needs ui:renderHook");
    }

    private void finishSkeleton() {
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "state.js", null, "// state\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");
        driver.events();
        driver.tasks(Role.API);
        driver.tasks(Role.LOGIC);
        driver.tasks(Role.UI);
    }
}
