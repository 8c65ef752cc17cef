package io.streamgen.schema.serde;

import io.streamgen.schema.AgentMessage;

/** {@link AgentMessage} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class AgentMessageDeserializer extends AvroDeserializer<AgentMessage> {
    public AgentMessageDeserializer() {
        super(AgentMessage.class);
    }
}
