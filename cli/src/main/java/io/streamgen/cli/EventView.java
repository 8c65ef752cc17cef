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

        /** The terminal's columns (stty on the controlling terminal), else COLUMNS, else 80. */
        static int width() {
            try {
                Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (stty.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) && stty.exitValue() == 0 && size.contains(" ")) {
                    int columns = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                    if (columns > 0) { // a terminal that does not know its size says 0
                        return clamp(columns);
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                // no stty or no terminal: below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                return clamp(Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80")));
            } catch (NumberFormatException e) {
                return 80;
            }
        }

        private static int clamp(int columns) {
            return Math.max(40, Math.min(200, columns));
        }
    }
}
