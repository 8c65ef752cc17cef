package io.streamgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A live board at the bottom of a terminal: a phase line with the generation's progress and one
 * progress bar per agent, redrawn in place (ANSI cursor movement), with notable events (phases,
 * checkpoints, interventions, failures; with {@code verbose} every file change) scrolling above
 * it. Plain ASCII, so any terminal font and encoding shows it.
 */
final class ProgressBoard implements EventView {

    private static final String ESC = "\u001b[";
    private static final int BAR = 20;
    private static final long REDRAW_NANOS = Duration.ofMillis(80).toNanos();

    /** One agent's tasks as the events told them. */
    private static final class Agent {
        final Map<String, String> taskStates = new LinkedHashMap<>();
        final Map<String, Long> taskTokens = new LinkedHashMap<>();
        String state = "waiting";
        double tokensPerSecond;

        long tokens() {
            return taskTokens.values().stream().mapToLong(Long::longValue).sum();
        }

        long finished() {
            return taskStates.values().stream().filter(s -> s.equals("DONE")).count();
        }
    }

    private final PrintStream out;
    private final boolean verbose;
    private final int width;
    private final Map<Phase, String> phases = new EnumMap<>(Phase.class);
    private final Map<Role, Agent> agents = new EnumMap<>(Role.class);
    private Phase current;
    private double progress;
    private Instant first;
    private Instant latest;
    private String outcome;
    private int drawn;
    private long lastDraw;
    private boolean dirty;

    ProgressBoard(PrintStream out, boolean verbose, int width) {
        this.out = out;
        this.verbose = verbose;
        this.width = width;
        for (Role role : Role.values()) {
            agents.put(role, new Agent());
        }
    }

    @Override
    public void show(StreamedEvent event) {
        boolean changed = update(event);
        String log = logLine(event);
        long now = System.nanoTime();
        if (log != null || changed || now - lastDraw >= REDRAW_NANOS) {
            draw(log);
            lastDraw = now;
            dirty = false;
        } else {
            dirty = true;
        }
    }

    @Override
    public void finish() {
        if (dirty) {
            draw(null);
        }
        out.flush();
    }

    /** Applies the event; true when a state (not only a counter) changed. */
    private boolean update(StreamedEvent event) {
        JsonNode payload = event.payload();
        progress = Math.max(progress, event.progress());
        if (event.json().hasNonNull("at")) {
            Instant at = Instant.parse(event.json().path("at").asText());
            first = first == null ? at : first;
            latest = at;
        }
        switch (event.type()) {
            case "phase-changed" -> {
                Phase phase = Phase.valueOf(payload.path("phase").asText());
                phases.put(phase, payload.path("state").asText());
                if (payload.path("state").asText().equals("STARTED")) {
                    current = phase;
                }
                return true;
            }
            case "task-state-changed" -> {
                Agent agent = agents.get(Role.valueOf(payload.path("role").asText()));
                String task = payload.path("taskId").asText();
                String state = payload.path("state").asText();
                String before = agent.taskStates.put(task, state);
                agent.taskTokens.put(task, payload.path("tokens").asLong());
                agent.tokensPerSecond = payload.path("tokensPerSecond").asDouble();
                agent.state = state;
                return !state.equals(before);
            }
            case "rolled-back" -> {
                progress = event.progress();
                outcome = null; // it runs again
                return true;
            }
            case "generation-completed" -> {
                outcome = "completed";
                progress = 1;
                return true;
            }
            case "generation-failed" -> {
                outcome = payload.path("cancelled").asBoolean() ? "cancelled" : "failed";
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** What scrolls above the board: what {@link PlainLines} prints, less the agents' own lines. */
    private String logLine(StreamedEvent event) {
        if (event.type().equals("task-state-changed") && !event.payload().path("state").asText().equals("FAILED")) {
            return null;
        }
        String line = PlainLines.describe(event, verbose);
        return line == null ? null : String.format("%3.0f%%  %s", event.progress() * 100, line);
    }

    private void draw(String log) {
        StringBuilder screen = new StringBuilder(ESC + "?7l"); // no autowrap: one row per line, whatever the width
        if (drawn > 0) {
            screen.append(ESC).append(drawn).append("A\r").append(ESC).append("J"); // up to the board's top, erase below
        }
        if (log != null) {
            screen.append(fit(log)).append('\n');
        }
        List<String> board = render();
        board.forEach(line -> screen.append(fit(line)).append('\n'));
        drawn = board.size();
        screen.append(ESC).append("?7h");
        out.print(screen);
        out.flush();
    }

    /** The board's lines: the phase line (what matters first), then one line per agent. */
    List<String> render() {
        List<String> lines = new ArrayList<>();
        StringBuilder phaseLine = new StringBuilder();
        phaseLine.append(bar(progress)).append(String.format(" %3.0f%%", progress * 100));
        if (first != null && latest != null) {
            phaseLine.append(String.format(" %6.1f s", Duration.between(first, latest).toMillis() / 1000.0));
        }
        if (outcome != null) {
            phaseLine.append("  ").append(outcome);
        }
        for (Phase phase : Phase.values()) {
            String state = phases.get(phase);
            String mark = state == null ? " " : switch (state) {
                case "COMPLETED" -> "x";
                case "SKIPPED" -> "-";
                default -> phase == current ? ">" : " ";
            };
            phaseLine.append("  [").append(mark).append("] ").append(phase.name().toLowerCase(Locale.ROOT));
        }
        lines.add(phaseLine.toString());
        agents.forEach((role, agent) -> {
            int tasks = agent.taskStates.size();
            double done = tasks == 0 ? 0 : (double) agent.finished() / tasks;
            String rate = agent.state.equals("STREAMING") ? String.format("%6.0f tok/s", agent.tokensPerSecond) : "";
            lines.add(String.format("  %-12s %s %d/%d  %-9s %7d tok %s", role.name().toLowerCase(Locale.ROOT), bar(done),
                    agent.finished(), tasks, agent.state.toLowerCase(Locale.ROOT), agent.tokens(), rate).stripTrailing());
        });
        return lines;
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    /** Cut to the terminal's width: a wrapped line would throw the redraw's line count off. */
    private String fit(String line) {
        line = line.replace('\n', ' ').replace('\r', ' ');
        return line.length() < width ? line : line.substring(0, width - 1);
    }
}
