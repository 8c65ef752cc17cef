package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.InterventionApplied;
import org.junit.jupiter.api.Test;

class ControlTest extends WiredTopologyTest {

    @Test
    void givenAPause_whenATaskFinishes_thenTheNextTaskIsHeldUntilResume() {
        driver.request(flags().build());
        driver.intervene(InterventionAction.PAUSE);
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        assertThat(driver.taskIds(Role.API)).containsExactly("skeleton-api");
        assertThat(driver.taskIds(Role.LOGIC)).as("held by the pause").isEmpty();

        driver.intervene(InterventionAction.RESUME);
        assertThat(driver.taskIds(Role.LOGIC)).containsExactly("skeleton-logic");
        assertThat(driver.events(InterventionApplied.class)).extracting(InterventionApplied::getAction)
                .containsExactly(InterventionAction.PAUSE, InterventionAction.RESUME);
    }

    @Test
    void givenAPauseForOneRole_whenAPhaseStartsInParallel_thenOnlyThatRoleIsHeld() {
        driver.intervene(InterventionAction.PAUSE); // before the request: unknown generation, ignored
        driver.request(flags().setParallel(true).build());
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "state.js", null, "// state\n");
        driver.intervene(InterventionAction.PAUSE, Intervention.newBuilder().setRole(Role.UI));
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "index.html", null, "<html></html>\n");

        assertThat(driver.taskIds(Role.API)).containsExactly("skeleton-api", "features-api");
        assertThat(driver.taskIds(Role.UI)).containsExactly("skeleton-ui");
        driver.intervene(InterventionAction.RESUME, Intervention.newBuilder().setRole(Role.UI));
        assertThat(driver.taskIds(Role.UI)).containsExactly("features-ui");
    }

    @Test
    void givenACancel_whenItArrives_thenTheGenerationFailsAsCancelledAndLaterInterventionsAreRefused() {
        driver.request(flags().build());
        driver.intervene(InterventionAction.CANCEL);
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.intervene(InterventionAction.RESUME);

        GenerationFailed failed = driver.events(GenerationFailed.class).get(0);
        assertThat(failed.getReason()).isEqualTo("cancelled");
        assertThat(failed.getCancelled()).isTrue();
        assertThat(driver.taskIds(Role.LOGIC)).isEmpty();
        assertThat(driver.files().files).isEmpty();
        assertThat(driver.events(InterventionApplied.class)).extracting(InterventionApplied::getAction,
                InterventionApplied::getAccepted).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(InterventionAction.CANCEL, true),
                        org.assertj.core.groups.Tuple.tuple(InterventionAction.RESUME, false));
    }

    @Test
    void givenSteering_whenTheNextTaskIsReleased_thenItsInstructionsCarryTheText() {
        driver.request(flags().build());
        driver.intervene(InterventionAction.STEER, Intervention.newBuilder().setRole(Role.LOGIC)
                .setText("keep state immutable"));
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");

        assertThat(driver.tasks(Role.LOGIC).get(0).getInstructions()).endsWith("Steering: keep state immutable");
    }
}
