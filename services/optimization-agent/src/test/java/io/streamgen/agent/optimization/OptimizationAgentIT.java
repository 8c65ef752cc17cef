package io.streamgen.agent.optimization;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamgen.agent.testing.AgentServiceContract;
import io.streamgen.infra.kafka.test.StreamgenKafkaResource;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.Set;

/** The OPTIMIZATION agent against a real broker. */
@QuarkusTest
@QuarkusTestResource(StreamgenKafkaResource.class)
class OptimizationAgentIT extends AgentServiceContract {

    @Override
    protected Role role() {
        return Role.OPTIMIZATION;
    }

    @Override
    protected Set<MessageType> expectedAnnouncements() {
        return Set.of();
    }

    @Override
    protected Phase phase() {
        return Phase.OPTIMIZE;
    }
}
