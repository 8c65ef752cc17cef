package io.streamgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fault suite's soak, behind {@code -Dstreamgen.soak=true}: the checks of {@link FaultSuiteIT}
 * over many generations while every service is killed ({@code kill -9}) at least
 * {@code streamgen.soak.kills} times (10), the broker restarted as often, and agents frozen past the
 * task deadline {@code streamgen.soak.pauses} times (3), in seeded random rounds; faults stop after
 * {@code streamgen.soak.minutes} (18: on two cores a round takes about 100 s). The summary is printed and written to
 * {@code target/fault-soak-summary.txt}.
 */
@EnabledIfSystemProperty(named = "streamgen.soak", matches = "true")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class FaultSoakIT {

    private static FaultRun run;

    @BeforeAll
    static void up() throws Exception {
        run = new FaultRun(FaultRun.seed(), FaultSuiteIT.TOKENS_PER_SECOND, FaultSuiteIT.TASK_DEADLINE,
                Integer.getInteger("streamgen.soak.max-attempts", FaultSuiteIT.MAX_ATTEMPTS));
        run.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void shouldLoseAndDuplicateNothingOverManyFaults() throws Exception {
        int kills = Integer.getInteger("streamgen.soak.kills", 10);
        int pauses = Integer.getInteger("streamgen.soak.pauses", 3);
        Duration budget = Duration.ofMinutes(Integer.getInteger("streamgen.soak.minutes", 18));
        run.runReference(Duration.ofMinutes(2));
        // in rounds, each a shuffled kill of every service and a broker restart: should the budget run
        // out, every service has been killed as often as the others, give or take one
        List<FaultRun.Fault> faults = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            List<FaultRun.Fault> round = new ArrayList<>();
            run.agents().forEach(agent -> round.add(FaultRun.Fault.kill(agent)));
            round.add(FaultRun.Fault.kill(FaultStack.COORDINATOR));
            round.add(FaultRun.Fault.kill(FaultStack.GATEWAY));
            round.add(FaultRun.Fault.broker());
            if (i < pauses) {
                round.add(FaultRun.Fault.pause(run.agents().get(run.random().nextInt(run.agents().size()))));
            }
            faults.addAll(run.shuffled(round));
        }

        run.runFaults(faults, 2, budget, Duration.ofMinutes(3));
        FaultRun.Report report = run.check();
        String summary = run.summary(report);
        run.log("%n%s", summary);
        Files.writeString(Path.of("target", "fault-soak-summary.txt"), summary + "\n", StandardCharsets.UTF_8);

        assertThat(report.all()).as(summary).isEmpty();
        assertThat(run.faultsDone().values().stream().mapToInt(Integer::intValue).sum()).as(summary).isEqualTo(faults.size());
    }
}
