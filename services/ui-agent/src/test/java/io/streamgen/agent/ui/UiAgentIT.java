package io.streamgen.agent.ui;

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

/** The UI agent against a real broker. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class UiAgentIT extends AgentServiceContract {

    @Override
    protected Role role() {
        return Role.UI;
    }

    @Override
    protected Set<MessageType> expectedAnnouncements() {
        return Set.of(MessageType.COMPONENT_CREATED);
    }

    @Override
    protected void assertAnnouncements(List<AgentMessage> bus) {
        assertThat(bus).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("ui:TodoList");
            assertThat(m.getRequires()).contains("api:listTodos", "api:createTodo");
        });
    }
}
