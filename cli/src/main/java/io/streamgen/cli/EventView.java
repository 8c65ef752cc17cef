package io.streamgen.cli;

import java.io.PrintStream;

/** How the CLI shows a generation's events: JSON lines, plain lines, or a live board on a terminal. */
public interface EventView {

    void show(StreamedEvent event);

    /** The stream ended (or was given up on): leave the screen as it should stay. */
    default void finish() {
    }

    /** JSON lines for {@code json}; the live board on an interactive terminal; plain lines otherwise. */
    static EventView choose(PrintStream out, boolean json, boolean verbose, boolean plain) {
        if (json) {
            return new JsonLines(out);
        }
        return !plain && Terminal.isInteractive() ? new ProgressBoard(out, verbose, Terminal.width())
                : new PlainLines(out, verbose);
    }

    /** Each event as one JSON line, {@code {"id", "type", "data"}}, and nothing else. */
    final class JsonLines implements EventView {
        private final PrintStream out;

        JsonLines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void show(StreamedEvent event) {
            var line = StreamedEvent.JSON.createObjectNode();
            line.put("id", event.id());
            line.put("type", event.type());
            line.set("data", event.json());
            out.println(line);
        }
    }

    /** Whether standard output is a terminal that understands cursor movement, and how wide it is. */
    final class Terminal {
        private Terminal() {
        }

        static boolean isInteractive() {
            String term = System.getenv("TERM");
            return System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
        }

        static int width() {
            try {
                return Math.max(60, Math.min(160, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"))));
            } catch (NumberFormatException e) {
                return 100;
            }
        }
    }
}
