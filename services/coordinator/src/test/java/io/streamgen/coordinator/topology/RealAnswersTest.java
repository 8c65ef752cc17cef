package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.coordinator.state.TaskStage;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.ContextKind;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.TaskStateChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What real models' answers need from the coordinator: announcements in order, whole projects, own regions. */
class RealAnswersTest extends WiredTopologyTest {

    private void endWithAnnouncements(String taskId, Role role, Phase phase, int announcements) {
        driver.send(io.streamgen.schema.CodeChunk.newBuilder(driver.chunk(taskId, role, phase, "", null, ChunkOp.END, ""))
                .setAnnouncements(announcements).build());
        driver.status(taskId, 1, role, phase, AgentState.DONE, null);
    }

    @Test
    void givenATaskWhoseAnnouncementsArriveAfterItsEnd_thenItIsDoneOnlyOnceTheyAreHeard() {
        driver.request(flags().setParallel(true).build());
        driver.bus(Role.UI, MessageType.REQUIRES, "logic:filterTodos");
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server/app.js", null, "// server\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "public/index.html", null, "<main></main>\n");
        driver.send(driver.chunk("skeleton-logic", Role.LOGIC, Phase.SKELETON, "src/logic.js", "filter", ChunkOp.APPEND,
                "export function filterTodos(todos, tag) { return todos; }\n"));
        endWithAnnouncements("skeleton-logic", Role.LOGIC, Phase.SKELETON, 1);

        assertThat(driver.state().tasks.get("skeleton-logic").stage).as("its PROVIDES is still on its way")
                .isEqualTo(TaskStage.RELEASED);
        assertThat(driver.taskIds(Role.LOGIC)).as("no -provide task for a name already announced")
                .containsExactly("skeleton-logic");

        driver.busFrom("skeleton-logic", Role.LOGIC, MessageType.PROVIDES, "logic:filterTodos");

        assertThat(driver.state().tasks.get("skeleton-logic").stage).isEqualTo(TaskStage.DONE);
        assertThat(driver.taskIds(Role.LOGIC)).as("the phase went on").containsExactly("features-logic");
    }

    @Test
    void givenFilesThatDoNotParse_whenTheLastPhaseEnds_thenTheGenerationFailsNamingThem() {
        driver.request(flags().setParallel(true).build());
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server/app.js", null, "export function createApp() {\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "src/logic.js", null, "export const ok = 1;\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "package.json", null, "{\"type\": \"module\",}\n");
        driver.write("features-api", Role.API, Phase.FEATURES, "server/main.js", null, "// main\n");
        driver.write("features-logic", Role.LOGIC, Phase.FEATURES, "src/more.js", null, "// more\n");
        driver.write("features-ui", Role.UI, Phase.FEATURES, "public/index.html", null, "<p>any markup\n");

        assertThat(driver.events(GenerationCompleted.class)).isEmpty();
        assertThat(driver.events(GenerationFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.getUnparsable()).hasSize(2);
            assertThat(failed.getUnparsable().get(0)).startsWith("package.json: line 1");
            assertThat(failed.getUnparsable().get(1)).startsWith("server/app.js: line");
            assertThat(failed.getReason()).startsWith("2 files do not parse: package.json");
        });
        assertThat(driver.content("server/app.js")).as("the files stay readable").isEqualTo("export function createApp() {\n");
    }

    @Test
    void givenARoleInALaterPhase_thenItsPromptShowsItsOwnEarlierRegions() {
        driver.request(flags().setParallel(true).build());
        driver.write("skeleton-api", Role.API, Phase.SKELETON, "server/app.js", null, "import * as logic from '../src/logic.js';\n");
        driver.write("skeleton-logic", Role.LOGIC, Phase.SKELETON, "src/logic.js", "store", "export function createStore() {}\n");
        driver.write("skeleton-ui", Role.UI, Phase.SKELETON, "public/app.js", "shell", "export const shell = 1;\n");

        AgentTask features = driver.tasks(Role.LOGIC).stream().filter(t -> t.getTaskId().equals("features-logic"))
                .findFirst().orElseThrow();

        assertThat(features.getContext()).filteredOn(c -> c.getKind() == ContextKind.FILE)
                .singleElement().satisfies(c -> {
                    assertThat(c.getName()).isEqualTo("src/logic.js");
                    assertThat(c.getText()).isEqualTo("// @region store\nexport function createStore() {}\n// @endregion\n");
                });
    }

    @Test
    void givenAnAgentsNotes_thenTheTaskEventCarriesThem() {
        driver.request(flags().setParallel(true).build());
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "server/app.js", null, ChunkOp.APPEND, "// x\n"));
        driver.send(driver.chunk("skeleton-api", Role.API, Phase.SKELETON, "", null, ChunkOp.END, ""));
        driver.send(AgentStatus.newBuilder()
                .setGenerationId(CoordinatorDriver.GENERATION).setTaskId("skeleton-api").setAttempt(1).setRole(Role.API)
                .setPhase(Phase.SKELETON).setState(AgentState.DONE).setNotes(List.of("left out 42 characters of prose"))
                .setAt(java.time.Instant.now()).build());

        assertThat(driver.events(TaskStateChanged.class)).filteredOn(t -> t.getState() == AgentState.DONE)
                .singleElement().satisfies(t -> assertThat(t.getNotes()).containsExactly("left out 42 characters of prose"));
    }

    @Test
    void givenAFileASupersededAttemptCreated_whenTheNextAttemptCreatesItAgain_thenItsVersionsGoOn() {
        driver.request(flags().setParallel(true).build());
        driver.send(driver.chunk("skeleton-api", 1, Role.API, Phase.SKELETON, "server/app.js", "core", ChunkOp.APPEND, "// one\n"));
        driver.status("skeleton-api", 2, Role.API, Phase.SKELETON, AgentState.STARTED, null);
        driver.send(driver.chunk("skeleton-api", 2, Role.API, Phase.SKELETON, "server/app.js", "core", ChunkOp.APPEND, "// two\n"));

        List<Integer> versions = driver.events(io.streamgen.schema.event.FileChanged.class).stream()
                .filter(f -> f.getPath().equals("server/app.js")).map(f -> f.getVersion()).toList();
        assertThat(versions).as("created, taken back, created again: (path, version) never repeats").containsExactly(1, 2, 3);
    }
}
