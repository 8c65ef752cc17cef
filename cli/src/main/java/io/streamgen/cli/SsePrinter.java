package io.streamgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/** The gateway's events as plain progress lines (or as JSON lines with --json), like {@code EventPrinter}. */
final class SsePrinter {

    private final PrintStream out;
    private final boolean json;
    private final boolean verbose;

    SsePrinter(PrintStream out, boolean json, boolean verbose) {
        this.out = out;
        this.json = json;
        this.verbose = verbose;
    }

    void print(GatewayGenerations.SseEvent event) {
        if (json) {
            out.println("{\"id\":" + (event.id() == null ? "null" : "\"" + event.id() + "\"") + ",\"type\":\""
                    + event.type() + "\",\"data\":" + event.json() + "}");
            return;
        }
        String line = describe(event.type(), event.json().path("payload"), event.json());
        if (line != null) {
            out.printf("%3.0f%%  %s%n", event.json().path("progress").asDouble() * 100, line);
        }
    }

    private String describe(String type, JsonNode payload, JsonNode event) {
        return switch (type) {
            case "phase-changed" -> "phase   " + payload.path("phase").asText() + " "
                    + payload.path("state").asText().toLowerCase(Locale.ROOT);
            case "task-state-changed" -> verbose || !payload.path("state").asText().equals("STREAMING")
                    ? String.format("agent   %-12s %-9s %6d tokens %7.1f tok/s", payload.path("role").asText(),
                    payload.path("state").asText(), payload.path("tokens").asLong(), payload.path("tokensPerSecond").asDouble())
                    : null;
            case "checkpoint-taken" -> "save    checkpoint " + payload.path("checkpointId").asInt() + " ("
                    + payload.path("label").asText() + ")";
            case "generation-completed" -> String.format("done    %d files in %.1f s, %d conflicts",
                    payload.path("files").size(), payload.path("durationMillis").asLong() / 1000.0,
                    payload.path("conflicts").asInt());
            case "generation-failed" -> "failed  " + payload.path("reason").asText();
            case "lagged" -> "note    the stream fell behind; files were sent as snapshots";
            default -> verbose ? type + " " + event.path("content").asText("") : null;
        };
    }
}
