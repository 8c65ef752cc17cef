package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack gives its coordinators and gateways one random API secret, kept owner-only in its state. */
class LocalStackSecretTest {

    @TempDir
    Path root;

    private LocalStack stack() throws Exception {
        Path gateway = root.resolve("services/gateway/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(gateway.getParent());
        Files.writeString(gateway, "");
        return new LocalStack(root, root.resolve(".streamgen"), LocalStack.Ports.defaults(), 0);
    }

    @Test
    void shouldGiveTheCoordinatorAndTheGatewayTheSameRandomSecret() throws Exception {
        LocalStack stack = stack();
        String secret = stack.coordinatorApiSecret();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        List<ServiceProcess> services = stack.services();
        ServiceProcess coordinator = services.stream().filter(s -> s.name().equals("coordinator")).findFirst().orElseThrow();
        ServiceProcess gateway = services.stream().filter(s -> s.name().equals("gateway")).findFirst().orElseThrow();
        assertThat(coordinator.environment()).containsEntry(LocalStack.API_SECRET_ENV, secret);
        assertThat(gateway.environment()).containsEntry(LocalStack.API_SECRET_ENV, secret);
        assertThat(services.stream().filter(s -> s.name().endsWith("-agent")))
                .allSatisfy(agent -> assertThat(agent.environment()).doesNotContainKey(LocalStack.API_SECRET_ENV));

        Path file = root.resolve(".streamgen").resolve(LocalStack.API_SECRET_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LocalStack.recordedApiSecret(root.resolve(".streamgen"))).hasValue(secret);
        assertThat(new LocalStack(root, root.resolve(".streamgen"), LocalStack.Ports.defaults(), 0).coordinatorApiSecret())
                .as("another command on the same stack reads the same secret").isEqualTo(secret);
        assertThat(new LocalStack(root, root.resolve("other"), LocalStack.Ports.defaults(), 0).coordinatorApiSecret())
                .isNotEqualTo(secret);
    }

    @Test
    void shouldKeepTheSecretUntilDownSoThatARestartedServiceGetsTheOneTheOthersHold() throws Exception {
        LocalStack stack = stack();
        String first = stack.coordinatorApiSecret();
        assertThat(stack().coordinatorApiSecret()).as("read again before, during or after up").isEqualTo(first);

        stack.down(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));

        assertThat(LocalStack.recordedApiSecret(root.resolve(".streamgen"))).as("down removes it").isEmpty();
        assertThat(stack().coordinatorApiSecret()).as("the next start has a new one").isNotEqualTo(first);
    }

    @Test
    void shouldTakeAnExplicitSecretFromTheCoordinatorsEnvironment() throws Exception {
        LocalStack stack = stack().withCoordinatorEnvironment(Map.of(LocalStack.API_SECRET_ENV, "operator-chosen"));
        assertThat(stack.coordinatorApiSecret()).isEqualTo("operator-chosen");
        assertThat(stack.services()).filteredOn(s -> s.name().equals("gateway")).singleElement()
                .satisfies(g -> assertThat(g.environment()).containsEntry(LocalStack.API_SECRET_ENV, "operator-chosen"));
    }
}
