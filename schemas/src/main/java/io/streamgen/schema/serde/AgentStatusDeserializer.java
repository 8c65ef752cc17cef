package io.streamgen.schema.serde;

import io.streamgen.schema.AgentStatus;

/** {@link AgentStatus} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class AgentStatusDeserializer extends AvroDeserializer<AgentStatus> {
    public AgentStatusDeserializer() {
        super(AgentStatus.class);
    }
}
