package io.streamgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault suite's short run (part of {@code ./mvnw verify}), after Kafka's own
 * {@code streams_eos_test}: each fault once, at a random but seeded moment (the seed is printed;
 * {@code -Dstreamgen.fault.seed=N} repeats a run) while generations are under way — {@code kill -9}
 * and restart of each of the five agents, the coordinator and the gateway; the broker stopped and
 * started again on its data directory and ports; one agent frozen with SIGSTOP past the
 * coordinator's task deadline (8 s here instead of 60 s), then SIGCONT. Every generation must
 * complete with the files of an unfaulted run of the same request, every event must reach a
 * {@code read_committed} reader and an SSE client resuming with {@code Last-Event-ID} exactly once,
 * and the frozen agent's task must be issued again. See {@link FaultRun} for what is checked and
 * {@link FaultSoakIT} for the long run.
 */
@Timeout(value = 9, unit = TimeUnit.MINUTES)
class FaultSuiteIT {

    static final double TOKENS_PER_SECOND = 300;
    static final Duration TASK_DEADLINE = Duration.ofSeconds(8);
    /** 5 × 8 s: a task may sit out a broker restart and a coordinator restart (each ~15 s here) and still run. */
    static final int MAX_ATTEMPTS = 5;
    private static FaultRun run;

    @BeforeAll
    static void up() throws Exception {
        run = new FaultRun(FaultRun.seed(), TOKENS_PER_SECOND, TASK_DEADLINE, MAX_ATTEMPTS);
        run.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void shouldCompleteEveryGenerationWithItsEventsExactlyOnceThroughEachFault() throws Exception {
        run.runReference(Duration.ofMinutes(2));
        List<FaultRun.Fault> faults = new ArrayList<>();
        run.agents().forEach(agent -> faults.add(FaultRun.Fault.kill(agent)));
        faults.add(FaultRun.Fault.kill(FaultStack.COORDINATOR));
        faults.add(FaultRun.Fault.kill(FaultStack.GATEWAY));
        faults.add(FaultRun.Fault.broker());
        faults.add(FaultRun.Fault.pause(run.agents().get(run.random().nextInt(run.agents().size()))));

        run.runFaults(run.shuffled(faults), 2, Duration.ofMinutes(3), Duration.ofMinutes(2));
        FaultRun.Report report = run.check();
        String summary = run.summary(report);
        run.log("%n%s", summary);

        assertThat(report.all()).as(summary).isEmpty();
        assertThat(run.faultsDone().values().stream().mapToInt(Integer::intValue).sum()).as(summary).isEqualTo(faults.size());
        assertThat(report.faultedGenerations).as(summary).isGreaterThanOrEqualTo(2);
        assertThat(report.pausesReissued).as("the frozen agent's task was issued again: " + summary).isEqualTo(1);
        assertThat(report.sseResumedClients).as("some SSE client resumed through the gateway's restart: " + summary)
                .isPositive();
    }
}
