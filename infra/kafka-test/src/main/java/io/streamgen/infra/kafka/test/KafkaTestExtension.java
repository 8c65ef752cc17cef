package io.streamgen.infra.kafka.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(KafkaTestExtension.class)}: makes sure the JVM's {@link TestKafka} runs
 * before the test class and injects it (or a {@link KafkaTestClient}) into test methods and
 * constructors.
 */
public final class KafkaTestExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestKafka.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestKafka.class || type == KafkaTestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestKafka kafka = TestKafka.shared();
        return parameter.getParameter().getType() == TestKafka.class ? kafka : kafka.client();
    }
}
