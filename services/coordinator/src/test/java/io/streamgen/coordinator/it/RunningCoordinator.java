package io.streamgen.coordinator.it;

import io.streamgen.coordinator.CoordinatorApplication;
import io.streamgen.infra.kafka.test.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The coordinator application started in this JVM against the test broker, until closed. */
public final class RunningCoordinator implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningCoordinator(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    public static RunningCoordinator start(String applicationId, Path stateDir) {
        return start(applicationId, stateDir, "");
    }

    /** Started with {@code streamgen.coordinator.api.secret} set (empty: none). */
    public static RunningCoordinator start(String applicationId, Path stateDir, String apiSecret) {
        int port = freePort();
        // command-line arguments outrank application.properties
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CoordinatorApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + TestKafka.shared().bootstrapServers(),
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--server.port=" + port,
                "--spring.kafka.streams.properties.application.server=localhost:" + port,
                "--streamgen.coordinator.api.secret=" + apiSecret);
        RunningCoordinator running = new RunningCoordinator(context, port);
        Awaitility.await("coordinator RUNNING").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> running.streams().state() == KafkaStreams.State.RUNNING);
        return running;
    }

    public KafkaStreams streams() {
        return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
