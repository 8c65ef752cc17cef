package io.streamgen.agent.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Where each running task's chunks landed on {@code streamgen.chunks} (partition, first and last
 * offset), as Kafka acknowledged them: the provenance a cached answer points back to. Bounded: a
 * task's entry is dropped when it is taken, or after an hour.
 */
public final class ChunkOffsets {

    /** One task attempt's chunks on their partition. */
    public record Span(int partition, long first, long last) {
        Span extend(int partition, long offset) {
            return partition != this.partition ? this : new Span(partition, Math.min(first, offset), Math.max(last, offset));
        }
    }

    private final Cache<String, Span> spans = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    public void acknowledged(String generationId, String taskId, int attempt, int partition, long offset) {
        spans.asMap().merge(key(generationId, taskId, attempt), new Span(partition, offset, offset),
                (was, now) -> was.extend(partition, offset));
    }

    /** The span of a finished task attempt, forgotten once taken. */
    public Optional<Span> take(String generationId, String taskId, int attempt) {
        return Optional.ofNullable(spans.asMap().remove(key(generationId, taskId, attempt)));
    }

    private static String key(String generationId, String taskId, int attempt) {
        return generationId + '\n' + taskId + '\n' + attempt;
    }
}
