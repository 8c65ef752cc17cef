package io.streamgen.schema.serde;

import io.streamgen.schema.AgentTask;

/** {@link AgentTask} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class AgentTaskDeserializer extends AvroDeserializer<AgentTask> {
    public AgentTaskDeserializer() {
        super(AgentTask.class);
    }
}
