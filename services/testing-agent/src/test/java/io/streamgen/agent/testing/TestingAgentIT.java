package io.streamgen.agent.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.agent.testing.AgentServiceContract;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.Set;

/** The TESTING agent against a real broker. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class TestingAgentIT extends AgentServiceContract {

    @Override
    protected Role role() {
        return Role.TESTING;
    }

    @Override
    protected Set<MessageType> expectedAnnouncements() {
        return Set.of();
    }

    @Override
    protected Phase phase() {
        return Phase.TEST;
    }
}
