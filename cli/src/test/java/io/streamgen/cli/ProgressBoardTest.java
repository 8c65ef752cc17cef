package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.AgentState;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.TaskStateChanged;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBoardTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    private int offset;

    private StreamedEvent event(Object payload, double progress, long secondsIn) {
        return StreamedEvent.of(GenerationEvent.newBuilder().setGenerationId("g1").setAt(START.plusSeconds(secondsIn))
                .setProgress(progress).setPayload(payload).build(), "0-" + offset++);
    }

    private StreamedEvent phase(Phase phase, PhaseState state, double progress, long at) {
        return event(PhaseChanged.newBuilder().setPhase(phase).setState(state).build(), progress, at);
    }

    private StreamedEvent task(Role role, String taskId, AgentState state, long tokens, double rate, long at) {
        return event(TaskStateChanged.newBuilder().setTaskId(taskId).setRole(role).setPhase(Phase.SKELETON)
                .setState(state).setTokens(tokens).setTokensPerSecond(rate).build(), 0.2, at);
    }

    @Test
    void givenAgentsAtWork_whenRendered_thenEachHasABarOfItsFinishedTasksAndThePhaseLineShowsWhereWeAre() {
        var board = new ProgressBoard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, 120);

        board.show(phase(Phase.SKELETON, PhaseState.STARTED, 0.0, 0));
        board.show(task(Role.UI, "ui-1", AgentState.DONE, 400, 0, 3));
        board.show(task(Role.UI, "ui-2", AgentState.STREAMING, 120, 148.4, 4));
        board.show(task(Role.LOGIC, "logic-1", AgentState.STREAMING, 90, 150, 4));
        board.show(phase(Phase.SKELETON, PhaseState.COMPLETED, 0.25, 5));
        board.show(phase(Phase.FEATURES, PhaseState.STARTED, 0.25, 5));
        board.show(phase(Phase.OPTIMIZE, PhaseState.SKIPPED, 0.25, 5));

        List<String> lines = board.render();

        assertThat(lines).hasSize(1 + Role.values().length);
        assertThat(lines.get(0)).isEqualTo("[#####...............]  25%    5.0 s  [x] skeleton  [>] features  [-] optimize  [ ] test");
        assertThat(lines.get(1)).startsWith("  ui           [##########..........] 1/2  streaming     520 tok    148 tok/s");
        assertThat(lines.get(2)).startsWith("  logic        [....................] 0/1  streaming      90 tok    150 tok/s");
        assertThat(lines.get(3)).isEqualTo("  api          [....................] 0/0  waiting         0 tok");
    }

    @Test
    void givenAFinishedGeneration_whenShown_thenNotableEventsScrollAboveABoardRedrawnInPlace() {
        var out = new ByteArrayOutputStream();
        var board = new ProgressBoard(new PrintStream(out, true, StandardCharsets.UTF_8), false, 100);

        board.show(phase(Phase.SKELETON, PhaseState.STARTED, 0.0, 0));
        board.show(task(Role.API, "api-1", AgentState.DONE, 300, 0, 2));
        board.show(event(CheckpointTaken.newBuilder().setCheckpointId(1).setPhase(Phase.SKELETON)
                .setLabel("after skeleton").build(), 0.5, 3));
        board.show(event(GenerationCompleted.newBuilder().setFiles(List.of("a.js")).setDurationMillis(4000)
                .setConflicts(0).build(), 1.0, 4));
        board.finish();

        String screen = out.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("  0%  phase   SKELETON started", " 50%  save    checkpoint 1 (after skeleton)",
                "100%  done    1 files in 4.0 s, 0 conflicts");
        assertThat(screen).as("the board moves up over itself: 6 lines").contains("\u001b[6A\r\u001b[J");
        String lastBoard = screen.substring(screen.lastIndexOf("\u001b[J") + 3);
        assertThat(lastBoard).contains("[####################] 100%    4.0 s  completed  [>] skeleton")
                .contains("  api          [####################] 1/1  done          300 tok");
    }

    @Test
    void shouldKeepEveryLineNarrowerThanTheTerminal() {
        var out = new ByteArrayOutputStream();
        var board = new ProgressBoard(new PrintStream(out, true, StandardCharsets.UTF_8), false, 60);

        board.show(phase(Phase.SKELETON, PhaseState.STARTED, 0.0, 0));
        board.finish();

        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).allSatisfy(line ->
                assertThat(line.replaceAll("\u001b\\[(\\?7[lh]|[0-9]*[AJ]\r?)", "")).hasSizeLessThan(60));
    }
}
