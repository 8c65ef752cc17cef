package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.Phase;
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

        var flags = generate.flags.flags();

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

        assertThat(StreamgenCommand.readBlueprint(file)).isEqualTo(SampleRecords.blueprint());
    }

    @Test
    void shouldPrintPlainLinesOrJsonLines() {
        var out = new ByteArrayOutputStream();
        var phase = new KafkaGenerations.Event(2, 41, SampleRecords.event(PhaseChanged.newBuilder()
                .setPhase(Phase.FEATURES).setState(PhaseState.STARTED).build()));
        var checkpoint = new KafkaGenerations.Event(2, 42, SampleRecords.event(CheckpointTaken.newBuilder()
                .setCheckpointId(2).setPhase(Phase.FEATURES).setLabel("after features").build()));

        new StreamgenCommand.EventPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), false, false).print(phase);
        new StreamgenCommand.EventPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), true, false).print(checkpoint);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).isEqualTo(" 50%  phase   FEATURES started");
        assertThat(lines[1]).startsWith("{\"id\":\"2-42\",\"type\":\"CheckpointTaken\",\"data\":{\"checkpointId\": 2");
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
