package io.streamgen.agent.runtime;

import io.streamgen.agent.cache.ChunkOffsets;
import io.streamgen.messaging.KafkaSend;
import io.streamgen.agent.task.AgentOutput;
import io.streamgen.agent.tracing.TaskTraces;
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

    @Inject
    TaskTraces traces;

    private final ChunkOffsets offsets = new ChunkOffsets();

    @Override
    public CompletionStage<Void> chunk(CodeChunk chunk) {
        return KafkaSend.keyedWithMetadata(chunks, chunk.getGenerationId(), chunk,
                traces.metadataOf(chunk.getGenerationId(), chunk.getTaskId())).thenAccept(where -> {
            if (where != null && where.hasOffset()) { // the in-memory connector says nothing
                offsets.acknowledged(chunk.getGenerationId(), chunk.getTaskId(), chunk.getAttempt(), where.partition(),
                        where.offset());
            }
        });
    }

    /** Where each task's chunks landed: the provenance of the answers it adds to the response cache. */
    public ChunkOffsets offsets() {
        return offsets;
    }

    @Override
    public CompletionStage<Void> status(AgentStatus status) {
        return KafkaSend.keyed(statuses, status.getGenerationId(), status,
                traces.metadataOf(status.getGenerationId(), status.getTaskId()));
    }

    @Override
    public CompletionStage<Void> bus(AgentMessage message) {
        return KafkaSend.keyed(bus, message.getGenerationId(), message,
                traces.metadataOf(message.getGenerationId(), message.getTaskId()));
    }
}
