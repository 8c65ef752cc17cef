package io.streamgen.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.SpeedWatch;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.SwitchCause;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpeedPolicyTest {

    private static final SpeedRule RULE = new SpeedRule(40, Duration.ofSeconds(10), "openai:fast", 2.0);
    private final SpeedWatch watch = new SpeedWatch();

    @Test
    void givenStatusesBelowTheFloorForTheWholeWindow_thenTheRoleSwitchesToTheFasterModelOnce() {
        assertThat(slow("t#1", 20, 0)).isEmpty();
        assertThat(slow("t#1", 30, 9_999)).isEmpty();
        Optional<ModelSwitch> change = slow("t#1", 12.5, 10_000);

        assertThat(change).get().extracting(ModelSwitch::getFromModel, ModelSwitch::getToModel,
                ModelSwitch::getCause, ModelSwitch::getReason)
                .containsExactly("ollama:big", "openai:fast", SwitchCause.SLOW, "ui: 12.5 tokens/s < floor 40 for 10 s");
        assertThat(watch.override).isEqualTo("openai:fast");
        assertThat(slow("t#1", 10, 30_000)).as("the slow model's own task is no longer judged").isEmpty();
    }

    @Test
    void givenARunBrokenByAFastStatusAnotherTaskOrAPause_thenTheWindowStartsAgain() {
        slow("t#1", 20, 0);
        slow("t#1", 45, 5_000); // above the floor: the run ends
        assertThat(slow("t#1", 20, 12_000)).isEmpty();
        assertThat(slow("u#1", 20, 22_000)).as("another task starts its own run").isEmpty();
        assertThat(SpeedPolicy.observe(RULE, watch, "ui", "u#1", AgentState.PAUSED, 50, 0, "ollama:big", 30_000))
                .isEmpty();
        assertThat(slow("u#1", 20, 31_000)).isEmpty();
        assertThat(slow("u#1", 20, 41_000)).isPresent();
    }

    @Test
    void givenAThinkingModel_thenStatusesBeforeItsFirstTokenDoNotCount() {
        for (long at = 0; at <= 20_000; at += 5_000) {
            assertThat(SpeedPolicy.observe(RULE, watch, "ui", "t#1", AgentState.STREAMING, 0, 0, "ollama:big", at))
                    .isEmpty();
        }
    }

    @Test
    void givenTheFasterModelWithHeadroomForTheWindow_thenTheRoleGoesBackToTheModelThatWasSlow() {
        slow("t#1", 20, 0);
        slow("t#1", 20, 10_000);
        assertThat(fast("u#1", 79.9, 20_000)).as("below 2 × floor").isEmpty();
        assertThat(fast("u#1", 80, 21_000)).isEmpty();
        Optional<ModelSwitch> back = fast("u#1", 120, 31_000);

        assertThat(back).get().extracting(ModelSwitch::getFromModel, ModelSwitch::getToModel, ModelSwitch::getCause,
                ModelSwitch::getReason)
                .containsExactly("openai:fast", "ollama:big", SwitchCause.RECOVERED,
                        "ui: 120 tokens/s >= 2 × floor 40 for 10 s");
        assertThat(watch.override).isNull();
    }

    private Optional<ModelSwitch> slow(String task, double rate, long at) {
        return SpeedPolicy.observe(RULE, watch, "ui", task, AgentState.STREAMING, 10, rate, "ollama:big", at);
    }

    private Optional<ModelSwitch> fast(String task, double rate, long at) {
        return SpeedPolicy.observe(RULE, watch, "ui", task, AgentState.STREAMING, 10, rate, "openai:fast", at);
    }
}
