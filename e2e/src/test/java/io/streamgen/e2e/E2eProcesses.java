package io.streamgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.cli.LocalStack;
import io.streamgen.schema.Role;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the end-to-end tests share: a stack of processes on free ports, and running a command with a ceiling. */
final class E2eProcesses {

    private E2eProcesses() {
    }

    /**
     * The suites repeat the same prompts on purpose (faults mid-stream, timings): the response
     * cache would answer them without a model, so it is off in every stack here but the one of the
     * test that is about it.
     */
    static final Map<String, String> CACHE_OFF = Map.of("STREAMGEN_CACHE_ENABLED", "false");

    /** The whole stack as `streamgen up` runs it, on free ports, with its state under {@code state}. */
    static LocalStack stack(Path state, double tokensPerSecond) throws IOException {
        Map<Role, Integer> agents = new EnumMap<>(Role.class);
        for (Role role : List.of(Role.UI, Role.LOGIC, Role.API, Role.OPTIMIZATION, Role.TESTING)) {
            agents.put(role, freePort());
        }
        return new LocalStack(Path.of("..").toAbsolutePath().normalize(), state,
                new LocalStack.Ports(freePort(), freePort(), freePort(), freePort(), agents), tokensPerSecond)
                .withAgentEnvironment(CACHE_OFF);
    }

    /** {@code stack} with every service exporting its spans to {@code receiver} (OTLP over HTTP, protobuf). */
    static LocalStack traced(LocalStack stack, OtlpTraceReceiver receiver) {
        Map<String, String> otel = Map.of("OTEL_SDK_DISABLED", "false",
                "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(), "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_BSP_SCHEDULE_DELAY", "500");
        return stack.withAgentEnvironment(otel).withCoordinatorEnvironment(otel).withGatewayEnvironment(otel);
    }

    static String run(Path dir, Duration limit, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("%s finished: %s", String.join(" ", command), output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
