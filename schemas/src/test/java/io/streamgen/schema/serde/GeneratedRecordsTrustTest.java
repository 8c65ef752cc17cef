package io.streamgen.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A platform team's producer builds a record before touching anything else of ours. In a fresh
 * JVM, building records whose defaults are enums and nested records must work: the generated
 * classes install Avro's class trust as they load.
 */
class GeneratedRecordsTrustTest {

    /** Run in a fresh JVM by the test: builds records with defaults, nothing else first. */
    public static void main(String[] args) {
        GenerationRequested request = GenerationRequested.newBuilder().setGenerationId("g").setPrompt("p")
                .setFlags(Flags.newBuilder().build()).setRequestedAt(Instant.now()).build();
        AgentTask task = AgentTask.newBuilder().setGenerationId("g").setTaskId("t").setPhase(Phase.SKELETON)
                .setRole(Role.UI).setInstructions("i").setCreatedAt(Instant.now()).build();
        System.out.println(request.getMergeStrategy() + " " + task.getContext().size());
    }

    @Test
    void shouldBuildRecordsWithDefaultsInAFreshJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GeneratedRecordsTrustTest.class.getName()).redirectErrorStream(true).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("PHASE_PRIORITY 0");
    }
}
