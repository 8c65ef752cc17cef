package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceJvmTest {

    @Test
    void shouldStartEveryServiceSmallWithTheSerialCollectorAndItsJarLast() {
        assertThat(ServiceJvm.command("java", "256m", Path.of("app/quarkus-run.jar"), null))
                .containsExactly("java", "-Xmx256m", "-Xms16m", "-XX:+UseSerialGC", "-jar", "app/quarkus-run.jar");
    }

    @Test
    void shouldLetTheOperatorsOptionsComeAfterTheDefaultsSoThatTheyWinAndTheirCollectorReplaceTheSerialOne() {
        assertThat(ServiceJvm.command("java", "384m", Path.of("c.jar"), "  -XX:+UseG1GC   -Xmx1g "))
                .containsExactly("java", "-Xmx384m", "-Xms16m", "-XX:+UseG1GC", "-Xmx1g", "-jar", "c.jar");
    }
}
