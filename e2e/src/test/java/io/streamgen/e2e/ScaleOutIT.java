package io.streamgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.cli.LocalStack;
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
 * Scale-out on one machine, behind {@code -Dstreamgen.scaleout=true} (17 JVMs do not fit the
 * verify budget on two cores): the launcher's three-node KRaft cluster (three replicas, min ISR
 * two), two coordinators (a standby replica of every store), two instances of every agent and two
 * gateways. While generations run, one of each is killed with {@code kill -9} — the first instance
 * of every agent, a coordinator, a gateway, and a broker node — and started again. The checks are
 * {@link FaultSuiteIT}'s (every generation completes with the reference's files, every event once
 * to a {@code read_committed} reader and to an SSE client that resumes on the <em>other</em>
 * gateway), plus interactive queries: both coordinators serve every generation's files, answered
 * by the instance that owns it. The summary goes to {@code target/scale-out-summary.txt}.
 */
@EnabledIfSystemProperty(named = "streamgen.scaleout", matches = "true")
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class ScaleOutIT {

    /** Seventeen JVMs share two cores: more time before a quiet task counts as lost. */
    static final Duration TASK_DEADLINE = Duration.ofSeconds(20);
    private static FaultRun run;

    @BeforeAll
    static void up() throws Exception {
        run = new FaultRun(FaultRun.seed(), FaultSuiteIT.TOKENS_PER_SECOND, TASK_DEADLINE, FaultSuiteIT.MAX_ATTEMPTS,
                new LocalStack.Scale(3, 2));
        run.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void shouldRideOutTheLossOfOneOfEachWithEveryEventOnceAndQueriesAnsweredByTheOwner() throws Exception {
        run.runReference(Duration.ofMinutes(4));
        List<FaultRun.Fault> faults = new ArrayList<>();
        run.agents().forEach(agent -> faults.add(FaultRun.Fault.kill(agent))); // the first instance of each
        faults.add(FaultRun.Fault.kill(FaultStack.COORDINATOR));
        faults.add(FaultRun.Fault.kill(FaultStack.GATEWAY));
        faults.add(FaultRun.Fault.brokerNode(run.random().nextInt(3)));

        run.runFaults(run.shuffled(faults), 3, Duration.ofMinutes(8), Duration.ofMinutes(4));
        FaultRun.Report report = run.check();
        String summary = run.summary(report);
        run.log("%n%s", summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "scale-out-summary.txt"), summary + "\n", StandardCharsets.UTF_8);

        assertThat(report.all()).as(summary).isEmpty();
        assertThat(run.faultsDone().values().stream().mapToInt(Integer::intValue).sum()).as(summary).isEqualTo(faults.size());
        assertThat(report.faultedGenerations).as(summary).isGreaterThanOrEqualTo(3);
        assertThat(report.owners).as("both coordinators own generations: " + summary).hasSize(2);
        assertThat(report.forwardedQueries).as("queries relayed to the owner: " + summary).isPositive();
        assertThat(report.sseClientsOnSeveralGateways).as("SSE clients resumed on the other gateway: " + summary).isPositive();
    }
}
