package io.streamgen.agent.runtime;

import io.streamgen.messaging.KafkaSend;
import io.streamgen.agent.task.AgentOutput;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.CodeChunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Chunks, statuses and bus messages to their topics, keyed by generation id. */
@ApplicationScoped
public class KafkaAgentOutput implements AgentOutput {

    // A fast model outruns the broker for a moment; tasks are finite, so their records may queue.
    @Inject
    @Channel("chunks")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    Emitter<CodeChunk> chunks;

    @Inject
    @Channel("status")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<AgentStatus> statuses;

    @Inject
    @Channel("bus-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<AgentMessage> bus;

    @Override
    public CompletionStage<Void> chunk(CodeChunk chunk) {
        return KafkaSend.keyed(chunks, chunk.getGenerationId(), chunk);
    }

    @Override
    public CompletionStage<Void> status(AgentStatus status) {
        return KafkaSend.keyed(statuses, status.getGenerationId(), status);
    }

    @Override
    public CompletionStage<Void> bus(AgentMessage message) {
        return KafkaSend.keyed(bus, message.getGenerationId(), message);
    }
}
