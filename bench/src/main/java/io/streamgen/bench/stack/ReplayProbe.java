package io.streamgen.bench.stack;

import io.streamgen.bench.stack.BenchResults.Replay;
import java.time.Duration;
import java.util.List;

/**
 * A big generation (a blueprint of many entities) followed live to its end, then read again from
 * its first event by a new SSE client: how soon its first event and its last arrive.
 */
final class ReplayProbe {

    private final BenchContext ctx;

    ReplayProbe(BenchContext ctx) {
        this.ctx = ctx;
    }

    Replay replay(int entities) throws Exception {
        String id = ctx.gateway().newId("replay");
        SseReader live = ctx.connect(List.of(id), null).get(0);
        long submitted;
        SseReader.SseTally followed;
        CpuMeter.CpuUse cpu;
        try {
            CpuMeter meter = CpuMeter.start(ctx.pids());
            submitted = System.nanoTime();
            ctx.gateway().submit(id, BenchRequest.big(ctx.settings().bufferSize(), entities));
            if (!live.awaitEnd(Deadline.in(Duration.ofMinutes(10)))) {
                throw new java.util.concurrent.TimeoutException("the big generation " + id + " did not end within 10 min: "
                        + live.tally());
            }
            cpu = meter.stop();
            followed = live.tally();
        } finally {
            live.close();
        }
        double generationSeconds = (followed.lastEventNanos() - submitted) / 1e9;
        ctx.log("big generation %s: %d events in %.1f s (%s); CPU cores %s", id, followed.events(), generationSeconds,
                followed.endType(), cpu.cores());
        SseReader again = ctx.gateway().reader(id, null).start();
        try {
            boolean ended = again.awaitEnd(Deadline.in(Duration.ofMinutes(5)));
            SseReader.SseTally replayed = again.tally();
            double first = (replayed.firstEventNanos() - replayed.openedNanos()) / 1e6;
            double last = (replayed.lastEventNanos() - replayed.openedNanos()) / 1e9;
            ctx.log("replay to a new client: first event after %.1f ms, last after %.2f s: %d events standing for %d, "
                            + "%d lagged notices, %d resumptions (%s)", first, last, replayed.events(), replayed.stoodFor(),
                    replayed.lagged(), replayed.resumes(), replayed.endType());
            return new Replay(entities, ctx.stack().tokensPerSecond(), followed.events(), generationSeconds, cpu.cores(), replayed.events(),
                    replayed.stoodFor(), replayed.lagged(), replayed.resumes(), first, last,
                    ended && replayed.stoodFor() == followed.stoodFor());
        } finally {
            again.close();
        }
    }
}
