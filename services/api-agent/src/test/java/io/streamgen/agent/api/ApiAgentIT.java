package io.streamgen.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.agent.testing.AgentServiceContract;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Role;
import java.util.List;
import java.util.Set;

/** The API agent against a real broker. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class ApiAgentIT extends AgentServiceContract {

    @Override
    protected Role role() {
        return Role.API;
    }

    @Override
    protected Set<MessageType> expectedAnnouncements() {
        return Set.of(MessageType.CONTRACT_PUBLISHED, MessageType.PROVIDES);
    }

    @Override
    protected void assertAnnouncements(List<AgentMessage> bus) {
        assertThat(bus).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.CONTRACT_PUBLISHED);
            assertThat(m.getName()).isEqualTo("api:createTodo");
            assertThat(m.getSignature()).isEqualTo("POST /api/todos Todo -> Todo");
        });
    }
}
