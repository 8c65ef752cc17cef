package io.streamgen.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Says, in words, when a followed stream was lost and when it came back: "gateway unreachable for
 * 12 s; resumed after 5-312". One line when it goes, one when it returns (or when the wait ends).
 */
final class StreamOutage {

    private final PrintStream out;
    private long since = -1;

    StreamOutage(PrintStream out) {
        this.out = out;
    }

    /** The stream is gone; said once per outage, and not when it merely ended at the deadline. */
    void lost(String why, long deadline) {
        if (since >= 0 || System.nanoTime() - deadline >= 0) {
            return;
        }
        since = System.nanoTime();
        out.println("lost the gateway's event stream (" + why + "); reconnecting until the timeout");
    }

    /** Connected again; {@code after} is the last event seen (null: from the start). */
    void resumed(String after) {
        if (since < 0) {
            return;
        }
        out.println("gateway unreachable for " + say(elapsed()) + "; resumed "
                + (after == null ? "from the start" : "after " + after));
        since = -1;
    }

    void timedOut(Duration timeout) {
        if (since >= 0) {
            out.println("gateway unreachable for " + say(elapsed()) + "; gave up at the timeout (" + say(timeout) + ")");
            since = -1;
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** "0.8 s", "12 s", "4 min 5 s": as a person reads it. */
    static String say(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
