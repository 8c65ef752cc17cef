package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.Phase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StreamgenCommandTest {

    @Test
    void shouldMapTheSevenFlagsOneToOne() {
        StreamgenCommand.Generate generate = new StreamgenCommand.Generate();
        new CommandLine(generate).parseArgs("a todo app", "--parallel", "--buffer-size", "24", "--preview",
                "--checkpoint", "--optimize", "--test", "--verbose");

        var flags = generate.what.flags.flags();

        assertThat(flags.getParallel()).isTrue();
        assertThat(flags.getBufferSize()).isEqualTo(24);
        assertThat(flags.getPreview() && flags.getCheckpoint() && flags.getOptimize() && flags.getTest()
                && flags.getVerbose()).isTrue();
        assertThat(new StreamgenCommand.FlagOptions().flags().getBufferSize()).as("adaptive by default").isNull();
    }

    @Test
    void shouldReadABlueprintFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("blueprint.json");
        Files.writeString(file, "{\"appName\": \"todo\", \"entities\": [{\"name\": \"Todo\", \"fields\": "
                + "[{\"name\": \"title\", \"type\": \"string\", \"required\": true}, "
                + "{\"name\": \"done\", \"type\": \"boolean\", \"required\": false}]}]}");

        assertThat(BlueprintArgument.parse(file.toString())).isEqualTo(SampleRecords.blueprint());
    }

    @Test
    void shouldReadAnInlineBlueprintWithTheDefaultsPeopleLeaveOut() {
        assertThat(BlueprintArgument.parse(" {\"appName\": \"todo\", \"entities\": [{\"name\": \"Todo\", \"fields\": "
                + "[{\"name\": \"title\"}, {\"name\": \"done\", \"type\": \"boolean\", \"required\": false}]}]}"))
                .isEqualTo(SampleRecords.blueprint());
    }

    @Test
    void shouldSayWhatIsWrongWithABlueprintInOneLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.json");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"appName\": \"todo\",\n \"entities\": [}");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BlueprintArgument.parse(missing.toString())))
                .isInstanceOf(UsageException.class).hasMessage("--blueprint: no such file: " + missing
                        + " (give a JSON file, or the JSON itself starting with '{')");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BlueprintArgument.parse(broken.toString())))
                .hasMessageStartingWith("--blueprint: " + broken + " is not JSON (line 2, column");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BlueprintArgument.parse("{\"entities\": []}")))
                .hasMessage("--blueprint: appName in the inline blueprint must be a non-empty string");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BlueprintArgument.parse(
                "{\"appName\": \"a\", \"entities\": [{\"name\": \"T\", \"fields\": [{\"type\": \"number\"}]}]}")))
                .hasMessage("--blueprint: entities[0].fields[0].name in the inline blueprint must be a non-empty string");

        var err = new java.io.StringWriter();
        CommandLine commandLine = StreamgenCommand.commandLine();
        commandLine.setErr(new java.io.PrintWriter(err));
        int exit = commandLine.execute("generate", "an app", "--blueprint", missing.toString(), "--gateway", "http://127.0.0.1:1");
        assertThat(exit).isEqualTo(64);
        assertThat(err.toString().strip()).isEqualTo("streamgen generate: --blueprint: no such file: " + missing
                + " (give a JSON file, or the JSON itself starting with '{')");
    }

    @Test
    void shouldPrintPlainLinesOrJsonLines() throws Exception {
        var out = new ByteArrayOutputStream();
        var print = new PrintStream(out, true, StandardCharsets.UTF_8);
        var phase = StreamedEvent.of(SampleRecords.event(PhaseChanged.newBuilder()
                .setPhase(Phase.FEATURES).setState(PhaseState.STARTED).build()), "2-41");
        var checkpoint = StreamedEvent.of(SampleRecords.event(CheckpointTaken.newBuilder()
                .setCheckpointId(2).setPhase(Phase.FEATURES).setLabel("after features").build()), "2-42");

        new PlainLines(print, false).show(phase);
        new EventView.JsonLines(print).show(checkpoint);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).isEqualTo(" 50%  phase   FEATURES started");
        JsonNode json = new ObjectMapper().readTree(lines[1]);
        assertThat(json.path("id").asText()).isEqualTo("2-42");
        assertThat(json.path("type").asText()).isEqualTo("checkpoint-taken");
        assertThat(json.path("data").path("payload").path("checkpointId").asInt()).isEqualTo(2);
        assertThat(json.path("data").path("generationId").asText()).isEqualTo(SampleRecords.GENERATION_ID);
    }

    @Test
    void givenVerbose_whenADraftChunkArrives_thenItIsOneLineNotItsCode() {
        var draft = StreamedEvent.of(SampleRecords.event(io.streamgen.schema.event.DraftChunk.newBuilder().setTaskId("t1")
                .setRole(io.streamgen.schema.Role.UI).setPhase(Phase.SKELETON).setPath("public/app.js").setRegion(null)
                .setSeq(3).setText("const a = 1;\nconst b = 2;\n").build()), "1-7");

        assertThat(PlainLines.describe(draft, true)).isEqualTo("draft   UI           public/app.js#- seq 3, 2 lines");
        assertThat(PlainLines.describe(draft, false)).isNull();
    }

    @Test
    void shouldRefuseTwoReplayStartsAndABadEventId() {
        var err = new java.io.StringWriter();
        CommandLine commandLine = StreamgenCommand.commandLine();
        commandLine.setErr(new java.io.PrintWriter(err));

        int both = commandLine.execute("replay", "g1", "--from-checkpoint", "1", "--from", "2-41");
        int badId = commandLine.execute("replay", "g1", "--from", "last", "--kafka", "127.0.0.1:1");
        int badMerge = commandLine.execute("generate", "an app", "--merge", "newest", "--gateway", "http://127.0.0.1:1");

        assertThat(both).isEqualTo(64);
        assertThat(badId).isEqualTo(64);
        assertThat(badMerge).isEqualTo(64);
        assertThat(err.toString()).contains("mutually exclusive")
                .contains("an event id is <partition>-<offset>, like 3-1412; not last")
                .contains("--merge is phase-priority, owner-wins or three-way, not newest")
                .doesNotContain("\tat io.streamgen");
    }

    @Test
    void shouldBuildInterventionsForTheControlTopic() {
        var steer = StreamgenCommand.intervention("g1", InterventionAction.STEER, "dark mode", null);
        var rollback = StreamgenCommand.intervention("g1", InterventionAction.ROLLBACK, null, 1);

        assertThat(steer.getText()).isEqualTo("dark mode");
        assertThat(rollback.getCheckpointId()).isEqualTo(1);
        assertThat(steer.getInterventionId()).isNotEqualTo(rollback.getInterventionId());
    }
}
