package io.streamgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.cli.FollowFrom;
import io.streamgen.cli.KafkaGenerations;
import io.streamgen.cli.LocalStack;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Role;
import io.streamgen.schema.SwitchCause;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.ModelChanged;
import io.streamgen.schema.event.TaskStateChanged;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Quality that follows speed, through the whole stack: the UI role has a floor of 1,000 tokens/s
 * over 1 s; its model is the OpenAI-compatible test endpoint's slow one (a few hundred pieces a
 * second), its faster model the same answers at full speed. The skeleton's UI task stays below
 * the floor, so the generation's later UI task is issued with the faster model, and viewers are
 * told why.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SpeedFloorIT {

    private static final String SLOW = "openai:todo-tags/faithful+slow";
    private static final String FAST = "openai:todo-tags/faithful";
    private static CorpusModelServer model;
    private static LocalStack stack;

    @BeforeAll
    static void up() throws Exception {
        model = new CorpusModelServer(Path.of("src/test/resources/corpus").toAbsolutePath(), 0);
        Path state = Files.createTempDirectory("streamgen-speed-floor");
        stack = E2eProcesses.stack(state, -1).withAgentEnvironment(Map.of(
                "STREAMGEN_LLM_PROVIDER", "openai", "STREAMGEN_LLM_BASE_URL", model.baseUrl(),
                "STREAMGEN_LLM_MODEL", "todo-tags/faithful", "STREAMGEN_LLM_ALLOWED_MODELS", "openai:*",
                "OPENAI_API_KEY", ""))
                .withCoordinatorEnvironment(Map.of(
                        "STREAMGEN_COORDINATOR_SPEED_ROLES_UI_FLOORTOKENSPERSECOND", "1000",
                        "STREAMGEN_COORDINATOR_SPEED_ROLES_UI_WINDOW", "1s",
                        "STREAMGEN_COORDINATOR_SPEED_ROLES_UI_FASTERMODEL", FAST));
        stack.up(Duration.ofMinutes(4), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void down() throws IOException {
        if (stack != null) {
            stack.down(System.out);
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void shouldGiveTheLaterTasksOfASlowRoleTheFasterModelAndSayWhy() {
        Map<String, String> models = new TreeMap<>();
        for (Role role : Role.values()) {
            models.put(role.name(), role == Role.UI ? SLOW : FAST);
        }
        String id = "speed-" + UUID.randomUUID();
        KafkaGenerations kafka = new KafkaGenerations(stack.bootstrapServers());
        kafka.submit(GenerationRequested.newBuilder().setGenerationId(id).setPrompt("a todo app with tags")
                .setFlags(Flags.newBuilder().setParallel(true).setTest(true).build()).setModels(models)
                .setRequestedBy("e2e").setRequestedAt(Instant.now()).build());
        List<Object> events = new CopyOnWriteArrayList<>();
        KafkaGenerations.Event end = kafka.read(id, new FollowFrom.Submitted(Instant.now().minusSeconds(60)),
                Duration.ofMinutes(4), e -> events.add(e.event().getPayload()));

        assertThat(end.event().getPayload()).as("%s", events).isInstanceOf(GenerationCompleted.class);
        ModelChanged slow = events.stream().filter(ModelChanged.class::isInstance).map(ModelChanged.class::cast)
                .filter(m -> m.getChange().getCause() == SwitchCause.SLOW).findFirst().orElseThrow(
                        () -> new AssertionError("no model-changed SLOW in " + events));
        assertThat(slow.getRole()).isEqualTo(Role.UI);
        assertThat(slow.getTaskId()).as("the role's remaining tasks, not one task").isNull();
        assertThat(slow.getChange().getFromModel()).isEqualTo(SLOW);
        assertThat(slow.getChange().getToModel()).isEqualTo(FAST);
        assertThat(slow.getChange().getReason()).contains("floor 1000");
        assertThat(events).filteredOn(TaskStateChanged.class::isInstance).map(TaskStateChanged.class::cast)
                .filteredOn(t -> t.getRole() == Role.UI && t.getTaskId().startsWith("features") && !t.getModel().isEmpty())
                .as("the later UI task streams from the faster model").isNotEmpty()
                .allSatisfy(t -> assertThat(t.getModel()).isEqualTo(FAST));
        System.out.printf("speed floor: %s%n", slow.getChange().getReason());
    }
}
