package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.cli.ServiceJvm.Code;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceJvmTest {

    @Test
    void shouldStartEveryServiceSmallWithTheSerialCollectorAndItsJarLast() {
        assertThat(ServiceJvm.command("java", "256m", Path.of("app/quarkus-run.jar"), Code.HOT, null, 2))
                .containsExactly("java", "-Xmx256m", "-Xms16m", "-XX:+UseSerialGC", "-jar", "app/quarkus-run.jar");
    }

    @Test
    void shouldCompileBroadCodeWithC1OnlyOnAMachineOfFewCores() {
        assertThat(ServiceJvm.command("java", "256m", Path.of("a.jar"), Code.BROAD, null, 2))
                .containsExactly("java", "-Xmx256m", "-Xms16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-jar", "a.jar");
        assertThat(ServiceJvm.command("java", "256m", Path.of("a.jar"), Code.BROAD, null, ServiceJvm.FEW_CORES + 1))
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void shouldLetTheOperatorsOptionsComeAfterTheDefaultsSoThatTheyWinAndTheirCollectorReplaceTheSerialOne() {
        assertThat(ServiceJvm.command("java", "384m", Path.of("c.jar"), Code.BROAD,
                "  -XX:+UseG1GC   -Xmx1g -XX:TieredStopAtLevel=4 ", 2))
                .containsExactly("java", "-Xmx384m", "-Xms16m", "-XX:TieredStopAtLevel=1", "-XX:+UseG1GC", "-Xmx1g",
                        "-XX:TieredStopAtLevel=4", "-jar", "c.jar");
    }
}
