package io.streamgen.agent.logic;

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

/** The LOGIC agent against a real broker. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class LogicAgentIT extends AgentServiceContract {

    @Override
    protected Role role() {
        return Role.LOGIC;
    }

    @Override
    protected Set<MessageType> expectedAnnouncements() {
        return Set.of(MessageType.PROVIDES);
    }

    @Override
    protected void assertAnnouncements(List<AgentMessage> bus) {
        assertThat(bus).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("logic:createTodo");
            assertThat(m.getSignature()).isEqualTo("createTodo(store, input)");
        });
    }
}
