package io.streamgen.agent.task;

import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.CodeChunk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AgentOutput} that keeps what it was given and acknowledges at once. */
final class RecordingOutput implements AgentOutput {

    final List<CodeChunk> chunks = new CopyOnWriteArrayList<>();
    final List<AgentStatus> statuses = new CopyOnWriteArrayList<>();
    final List<AgentMessage> bus = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> chunk(CodeChunk chunk) {
        chunks.add(chunk);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> status(AgentStatus status) {
        statuses.add(status);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> bus(AgentMessage message) {
        bus.add(message);
        return CompletableFuture.completedFuture(null);
    }

    /** The text of one attempt's content chunks, concatenated per file region, whatever the chunking. */
    java.util.Map<String, String> text(int attempt) {
        java.util.Map<String, StringBuilder> regions = new java.util.LinkedHashMap<>();
        chunks.stream().filter(c -> c.getAttempt() == attempt && !c.getPath().isEmpty())
                .forEach(c -> regions.computeIfAbsent(c.getPath() + "#" + c.getRegion(), k -> new StringBuilder())
                        .append(c.getText()));
        java.util.Map<String, String> text = new java.util.LinkedHashMap<>();
        regions.forEach((k, v) -> text.put(k, v.toString()));
        return text;
    }
}
