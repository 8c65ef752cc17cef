package io.streamgen.agent.task;

import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.CodeChunk;
import java.util.concurrent.CompletionStage;

/** Where a task's records go; each stage completes when Kafka acknowledged the record. */
public interface AgentOutput {

    CompletionStage<Void> chunk(CodeChunk chunk);

    CompletionStage<Void> status(AgentStatus status);

    CompletionStage<Void> bus(AgentMessage message);
}
