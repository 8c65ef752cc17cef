package io.streamgen.coordinator.topology;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Base of the topology tests: the Spring context is the application's own (Kafka Streams not
 * started), and each test drives the topology spring-kafka wired, with its own application id and
 * state directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.kafka.streams.auto-startup=false", "streamgen.coordinator.checkpoint-every-statements=3",
                "streamgen.coordinator.max-held-chunks=5", "streamgen.coordinator.metrics-every-chunks=4",
                // deadlines only come into play in tests that advance the driver's wall clock
                "streamgen.coordinator.task-deadline=2s", "streamgen.coordinator.max-attempts=3",
                "streamgen.coordinator.deadline-check-interval=100ms"})
abstract class WiredTopologyTest {

    @Autowired
    StreamsBuilderFactoryBean streams;

    @TempDir
    Path stateDir;

    CoordinatorDriver driver;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.putAll(streams.getStreamsConfiguration());
        driver = new CoordinatorDriver(streams.getTopology(), config, stateDir);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }
}
