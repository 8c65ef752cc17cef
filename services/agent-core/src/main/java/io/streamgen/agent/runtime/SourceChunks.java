package io.streamgen.agent.runtime;

import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.Derivation;
import io.streamgen.schema.serde.CodeChunkDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks a source generation's task published, read back from {@code streamgen.chunks} for
 * a re-derivation: they are keyed by generation id, so all of them are in one partition, from the
 * source's start (less a minute of clock slack) to the partition's end as it is now. Bounded by
 * {@link #READ_LIMIT}; older than the topic's retention (7 days) there is nothing to read.
 */
@ApplicationScoped
public class SourceChunks {

    static final Duration READ_LIMIT = Duration.ofSeconds(30);
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    @Inject
    GenerationRecords records;
    private final CodeChunkDeserializer chunks = new CodeChunkDeserializer();

    /** Every chunk of the source's task with the same id and role as {@code task}, any attempt. */
    public synchronized List<CodeChunk> of(AgentTask task) {
        Derivation source = task.getDerivedFrom();
        String sourceId = source.getSourceGenerationId();
        long from = source.getSourceStartedAtMillis() <= 0 ? 0 : source.getSourceStartedAtMillis() - CLOCK_SLACK.toMillis();
        List<CodeChunk> found = new ArrayList<>();
        boolean whole = records.read(Topics.CHUNKS.name(), sourceId, from, READ_LIMIT, value -> {
            CodeChunk chunk = decode(value);
            if (chunk != null && chunk.getTaskId().equals(task.getTaskId()) && chunk.getRole() == task.getRole()) {
                found.add(chunk);
            }
        });
        if (!whole) {
            throw new IllegalStateException("the chunks of " + sourceId + " were not read within " + READ_LIMIT);
        }
        return found;
    }

    private CodeChunk decode(byte[] value) {
        try {
            return chunks.deserialize(Topics.CHUNKS.name(), value);
        } catch (UndecodableRecordException e) {
            return null; // it went to the dead-letter topic when the coordinator read it
        }
    }
}
