package io.streamgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One line per notable event, prefixed with the generation's progress: for logs, pipes and dumb
 * terminals. {@code verbose} adds streaming progress, file changes (per chunk) and everything else.
 */
final class PlainLines implements EventView {

    private final PrintStream out;
    private final boolean verbose;

    PlainLines(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void show(StreamedEvent event) {
        String line = describe(event, verbose);
        if (line != null) {
            out.printf("%3.0f%%  %s%n", event.progress() * 100, line);
        }
    }

    /** The event as one line, or null when it is not worth one (at this verbosity). */
    static String describe(StreamedEvent event, boolean verbose) {
        JsonNode payload = event.payload();
        return switch (event.type()) {
            case "generation-started" -> "start   " + event.json().path("generationId").asText();
            case "phase-changed" -> "phase   " + payload.path("phase").asText() + " "
                    + payload.path("state").asText().toLowerCase(Locale.ROOT);
            case "task-state-changed" -> verbose || !payload.path("state").asText().equals("STREAMING")
                    ? String.format("agent   %-12s %-9s %6d tokens %7.1f tok/s%s", payload.path("role").asText(),
                    payload.path("state").asText(), payload.path("tokens").asLong(), payload.path("tokensPerSecond").asDouble(),
                    payload.path("error").isTextual() ? "  " + payload.path("error").asText() : "")
                    : null;
            case "checkpoint-taken" -> "save    checkpoint " + payload.path("checkpointId").asInt() + " ("
                    + payload.path("label").asText() + ")";
            case "rolled-back" -> "undo    rolled back to checkpoint " + payload.path("checkpointId").asInt();
            case "intervention-applied" -> "control " + event.json().path("content").asText();
            case "conflict-resolved" -> "merge   " + payload.path("path").asText() + "#" + payload.path("region").asText()
                    + ": " + payload.path("outcome").asText().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (payload.path("winner").isTextual() ? ", " + payload.path("winner").asText().toLowerCase(Locale.ROOT) + " kept" : "")
                    + (payload.path("message").isTextual() ? " (" + payload.path("message").asText() + ")" : "");
            case "generation-completed" -> String.format("done    %d files in %.1f s, %d conflicts",
                    payload.path("files").size(), payload.path("durationMillis").asLong() / 1000.0,
                    payload.path("conflicts").asInt());
            case "generation-failed" -> (payload.path("cancelled").asBoolean() ? "cancel  " : "failed  ")
                    + payload.path("reason").asText();
            case "chunk-rejected" -> "reject  " + payload.path("role").asText().toLowerCase(Locale.ROOT) + " "
                    + payload.path("path").asText() + ": " + payload.path("reason").asText();
            case "lagged" -> "note    the stream fell behind; files were sent as snapshots";
            case "file-changed" -> verbose ? "file    " + payload.path("path").asText() + " v"
                    + payload.path("version").asInt() + " " + payload.path("op").asText().toLowerCase(Locale.ROOT) : null;
            case "draft-chunk" -> verbose ? String.format("draft   %-12s %s#%s seq %d, %d lines", payload.path("role").asText(),
                    payload.path("path").asText(), payload.path("region").asText("-"), payload.path("seq").asLong(),
                    lines(payload.path("text").asText())) : null;
            case "bus-message" -> verbose ? String.format("bus     %-12s %s %s", payload.path("from").asText(),
                    payload.path("type").asText(), payload.path("label").asText()) : null;
            case "metrics-snapshot" -> verbose ? "metrics " + payload.path("chunks").asLong() + " chunks, tokens "
                    + payload.path("tokensByRole") : null;
            default -> verbose ? event.type() + " " + firstLine(event.json().path("content").asText("")) : null;
        };
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " ...";
    }

    private static long lines(String text) {
        long breaks = text.chars().filter(c -> c == '\n').count();
        return text.isEmpty() || text.endsWith("\n") ? breaks : breaks + 1;
    }
}
