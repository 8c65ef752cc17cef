package io.streamgen.infra.kafka.test;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * For Spring tests: {@code @DynamicPropertySource static void kafka(DynamicPropertyRegistry r)
 * { SpringKafkaTestSupport.register(r); }} points spring-kafka (clients and Kafka Streams) at
 * the JVM's {@link TestKafka}.
 */
public final class SpringKafkaTestSupport {

    private SpringKafkaTestSupport() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> TestKafka.shared().bootstrapServers());
        registry.add("spring.kafka.streams.bootstrap-servers", () -> TestKafka.shared().bootstrapServers());
    }
}
