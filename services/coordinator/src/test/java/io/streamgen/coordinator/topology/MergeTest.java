package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.ConflictResolved;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.ResolutionOutcome;
import io.streamgen.schema.event.ResolutionStrategy;
import org.junit.jupiter.api.Test;

class MergeTest extends WiredTopologyTest {

    private static final String BASE = "a\nb\nc\nd\ne\n";

    @Test
    void givenPhasePriority_whenALaterPhaseWritesAnotherRolesRegion_thenTheLaterPhaseWins() {
        skeletonWithSharedRegion(MergeStrategy.PHASE_PRIORITY);
        driver.send(driver.chunk("features-logic", Role.LOGIC, Phase.FEATURES, "app.js", "list", ChunkOp.APPEND,
                BASE));
        driver.send(driver.chunk("features-logic", Role.LOGIC, Phase.FEATURES, "app.js", "list", ChunkOp.APPEND,
                "f\n"));
        assertThat(driver.content("app.js")).as("held until the task's END").isEqualTo(BASE);
        driver.finish("features-logic", Role.LOGIC, Phase.FEATURES);

        assertThat(driver.content("app.js")).isEqualTo(BASE + "f\n");
        ConflictResolved resolved = driver.events(ConflictResolved.class).get(0);
        assertThat(resolved.getStrategy()).isEqualTo(ResolutionStrategy.PHASE_PRIORITY);
        assertThat(resolved.getOutcome()).isEqualTo(ResolutionOutcome.TOOK_INCOMING);
        assertThat(resolved.getWinner()).isEqualTo(Role.LOGIC);
        assertThat(resolved.getRoles()).containsExactly(Role.UI, Role.LOGIC);
    }

    @Test
    void givenOwnerWins_whenAnotherRoleWritesTheRegion_thenTheOwnersTextStays() {
        skeletonWithSharedRegion(MergeStrategy.OWNER_WINS);
        driver.send(driver.chunk("features-logic", Role.LOGIC, Phase.FEATURES, "app.js", "list", ChunkOp.REPLACE,
                "logic's version\n"));
        driver.finish("features-logic", Role.LOGIC, Phase.FEATURES);

        assertThat(driver.content("app.js")).isEqualTo(BASE);
        ConflictResolved resolved = driver.events(ConflictResolved.class).get(0);
        assertThat(resolved.getStrategy()).isEqualTo(ResolutionStrategy.OWNER_WINS);
        assertThat(resolved.getOutcome()).isEqualTo(ResolutionOutcome.KEPT_EXISTING);
        assertThat(resolved.getWinner()).isEqualTo(Role.UI);
    }

    @Test
    void givenThreeWay_whenBothSidesChangeDifferentLinesSinceTheCheckpoint_thenTheLinesAreMerged() {
        skeletonWithSharedRegion(MergeStrategy.THREE_WAY);
        driver.send(driver.chunk("features-ui", Role.UI, Phase.FEATURES, "app.js", "list", ChunkOp.REPLACE,
                "a (ui)\nb\nc\nd\ne\n"));
        driver.send(driver.chunk("features-logic", Role.LOGIC, Phase.FEATURES, "app.js", "list", ChunkOp.REPLACE,
                "a\nb\nc\nd\ne (logic)\n"));
        driver.finish("features-logic", Role.LOGIC, Phase.FEATURES);

        assertThat(driver.content("app.js")).isEqualTo("a (ui)\nb\nc\nd\ne (logic)\n");
        ConflictResolved resolved = driver.events(ConflictResolved.class).get(0);
        assertThat(resolved.getStrategy()).isEqualTo(ResolutionStrategy.THREE_WAY);
        assertThat(resolved.getOutcome()).isEqualTo(ResolutionOutcome.MERGED);
    }

    @Test
    void givenThreeWay_whenBothSidesChangeTheSameLine_thenConflictMarkersAreKeptAndAnnounced() {
        skeletonWithSharedRegion(MergeStrategy.THREE_WAY);
        driver.send(driver.chunk("features-ui", Role.UI, Phase.FEATURES, "app.js", "list", ChunkOp.REPLACE,
                "a\nb\nc (ui)\nd\ne\n"));
        driver.send(driver.chunk("features-logic", Role.LOGIC, Phase.FEATURES, "app.js", "list", ChunkOp.REPLACE,
                "a\nb\nc (logic)\nd\ne\n"));
        driver.finish("features-logic", Role.LOGIC, Phase.FEATURES);

        assertThat(driver.content("app.js")).isEqualTo(
                "a\nb\n<<<<<<< UI\nc (ui)\n=======\nc (logic)\n>>>>>>> LOGIC\nd\ne\n");
        ConflictResolved resolved = driver.events(ConflictResolved.class).get(0);
        assertThat(resolved.getOutcome()).isEqualTo(ResolutionOutcome.CONFLICT_MARKERS);
        assertThat(resolved.getMessage()).contains("conflict markers");
    }

    @Test
    void givenAUserEdit_whenAgentsWriteTheRegionLater_thenTheEditWinsWhateverTheStrategy() {
        skeletonWithSharedRegion(MergeStrategy.OWNER_WINS);
        driver.intervene(InterventionAction.EDIT, Intervention.newBuilder().setPath("app.js").setRegion("list")
                .setText("mine\n"));
        driver.send(driver.chunk("features-ui", Role.UI, Phase.FEATURES, "app.js", "list", ChunkOp.APPEND, "x\n"));
        driver.send(driver.chunk("features-logic", Role.LOGIC, Phase.FEATURES, "app.js", "list", ChunkOp.REPLACE,
                "y\n"));
        driver.finish("features-logic", Role.LOGIC, Phase.FEATURES);
        driver.finish("features-ui", Role.UI, Phase.FEATURES);
        driver.finish("features-api", Role.API, Phase.FEATURES);

        assertThat(driver.content("app.js")).isEqualTo("mine\n");
        assertThat(driver.events(ConflictResolved.class)).extracting(ConflictResolved::getStrategy,
                ConflictResolved::getOutcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ResolutionStrategy.USER_EDIT, ResolutionOutcome.TOOK_INCOMING),
                        org.assertj.core.groups.Tuple.tuple(ResolutionStrategy.USER_EDIT, ResolutionOutcome.KEPT_EXISTING),
                        org.assertj.core.groups.Tuple.tuple(ResolutionStrategy.USER_EDIT, ResolutionOutcome.KEPT_EXISTING));
        assertThat(driver.events(GenerationCompleted.class).get(0).getConflicts()).isEqualTo(3);
    }

    @Test
    void givenAUserEditOfAWholeFile_whenAgentsWriteAnyRegionOfItLater_thenTheFileKeepsTheEdit() {
        skeletonWithSharedRegion(MergeStrategy.PHASE_PRIORITY);
        driver.intervene(InterventionAction.EDIT, Intervention.newBuilder().setPath("app.js").setText("all mine\n"));
        driver.send(driver.chunk("features-ui", Role.UI, Phase.FEATURES, "app.js", "footer", ChunkOp.APPEND, "x\n"));

        assertThat(driver.content("app.js")).isEqualTo("all mine\n");
        assertThat(driver.events(ConflictResolved.class)).last().satisfies(c -> {
            assertThat(c.getStrategy()).isEqualTo(ResolutionStrategy.USER_EDIT);
            assertThat(c.getRegion()).isEqualTo("footer");
        });
    }

    /** SKELETON in parallel; UI owns region "list" of app.js; checkpoint 1 holds its text. */
    private void skeletonWithSharedRegion(MergeStrategy strategy) {
        driver.request(flags().setParallel(true).build(), strategy);
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "app.js", "list", BASE);
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server.js", null, "// server\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "state.js", null, "// state\n");
        assertThat(driver.checkpoints()).hasSize(1);
    }
}
