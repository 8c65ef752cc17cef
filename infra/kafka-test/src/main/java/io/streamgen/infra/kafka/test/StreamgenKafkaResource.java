package io.streamgen.infra.kafka.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * {@code @QuarkusTestResource(StreamgenKafkaResource.class)} (or {@code @WithTestResource}):
 * points the Quarkus app under test at the JVM's {@link TestKafka}. The broker outlives each
 * Quarkus application so that test classes share it; it stops at JVM exit.
 */
public final class StreamgenKafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestKafka.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared per JVM: stopped by its shutdown hook
    }
}
