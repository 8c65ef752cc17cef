package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.infra.kafka.BrokerSettings;
import io.streamgen.infra.kafka.KafkaSecurity;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code streamgen up --secure} hands each part: the broker locked down, each service its own login. */
class LocalStackSecurityTest {

    @TempDir
    Path state;

    @Test
    void shouldGiveEveryServiceItsOwnPrincipalThroughItsFrameworksEnvironment() {
        LocalStack stack = new LocalStack(state, state, LocalStack.Ports.defaults(), 0).withSecurity(true);

        assertThat(stack.brokerNodes()).allMatch(BrokerSettings::secure);
        assertThat(KafkaSecurity.ownerOnly(stack.credentialsFile())).isTrue();
        Map<String, ServiceProcess> services = new java.util.HashMap<>();
        stack.services().forEach(s -> services.put(s.name(), s));

        Map<String, String> ui = services.get("ui-agent").environment();
        assertThat(ui).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(ui.get("KAFKA_SASL_JAAS_CONFIG")).contains("ScramLoginModule", "username=\"ui-agent\"");
        assertThat(services.get("testing-agent").environment().get("KAFKA_SASL_JAAS_CONFIG"))
                .contains("username=\"testing-agent\"");

        Map<String, String> coordinator = services.get("coordinator").environment();
        assertThat(coordinator).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(coordinator.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).contains("username=\"coordinator\"");
    }

    @Test
    void shouldStayLockedDownOnceStartedSoAndOpenByDefault() {
        LocalStack open = new LocalStack(state, state, LocalStack.Ports.defaults(), 0);
        assertThat(open.secure()).isFalse();
        assertThat(open.brokerNodes()).noneMatch(BrokerSettings::secure);
        assertThat(open.services()).allSatisfy(s -> assertThat(s.environment().keySet())
                .noneMatch(k -> k.contains("SASL") || k.contains("SECURITY")));

        open.withSecurity(true).security(); // `up --secure` wrote the credentials
        assertThat(new LocalStack(state, state, LocalStack.Ports.defaults(), 0).secure()).isTrue();
    }
}
