package io.streamgen.agent.runtime;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamgen.agent.cache.CachingStreamingChatModel;
import io.streamgen.agent.cache.ChunkOffsets;
import io.streamgen.agent.cache.ResponseCache;
import io.streamgen.agent.config.StreamgenConfig;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.messaging.KafkaSend;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CacheProvenance;
import io.streamgen.schema.CachedAnswer;
import io.streamgen.schema.serde.CachedAnswerDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The response cache of this agent: reads the whole compacted {@code streamgen.cache} topic into
 * memory (each instance has a consumer group of its own and starts from the beginning), answers
 * tasks whose exact prompt is in it, and adds the answers its own tasks wrote in one go. A task
 * whose request opted out ({@code cache: false}), or that runs an ensemble, is never answered from
 * it. An instance that has not read the topic to its end yet only misses (and calls the model).
 */
@ApplicationScoped
public class ResponseCacheService {

    private static final Logger LOG = Logger.getLogger(ResponseCacheService.class);

    private final boolean enabled;
    private final ResponseCache cache;
    private final DeadLetters deadLetters;
    private final ChunkOffsets offsets;
    private final CachedAnswerDeserializer deserializer = new CachedAnswerDeserializer();

    @Inject
    @Channel("cache-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<CachedAnswer> out;

    @Inject
    public ResponseCacheService(StreamgenConfig config, DeadLetters deadLetters, KafkaAgentOutput output) {
        this.enabled = config.cache().enabled();
        this.cache = new ResponseCache(config.cache().maxChars(), config.cache().maxAge(), Clock.systemUTC());
        this.deadLetters = deadLetters;
        this.offsets = output.offsets();
    }

    @Incoming("cache-in")
    public CompletionStage<Void> onEntry(Message<byte[]> message) {
        if (message.getPayload() == null) {
            // a tombstone: an operator removed the entry
            message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> String.valueOf(m.getKey()))
                    .ifPresent(cache::remove);
            return message.ack();
        }
        Optional<String> recordKey = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getKey() == null ? null : String.valueOf(m.getKey()));
        deadLetters.decode(message, deserializer).ifPresent(entry -> {
            // compaction and tombstones go by the record's key: an entry filed under another key than
            // its own could never be purged, so it is not served
            if (recordKey.isPresent() && !recordKey.get().equals(entry.getProvenance().getKey())) {
                LOG.warnf("a cache entry under key %s says its key is %s; ignored", recordKey.get(),
                        entry.getProvenance().getKey());
            } else {
                cache.put(entry);
            }
        });
        return message.ack();
    }

    /**
     * The task's model behind the cache, under the key of the prompt its first stream sends; empty
     * when the cache does not apply to the task.
     */
    public Optional<CachingStreamingChatModel> wrap(AgentTask task, StreamingChatModel model, String modelName,
                                                     java.util.function.Supplier<String> keyOf,
                                                     ScheduledExecutorService scheduler, AgentMetrics metrics) {
        if (!enabled || !task.getCache() || (task.getPlan() != null && !task.getPlan().getEnsemble().isEmpty())) {
            return Optional.empty();
        }
        String key = keyOf.get(); // a whole prompt built and hashed: only when the cache applies
        Optional<CachedAnswer> hit = cache.get(key, task.getRole(), modelName);
        metrics.cacheLookup(modelName, hit.isPresent());
        return Optional.of(new CachingStreamingChatModel(model, modelName, key, hit, scheduler));
    }

    /** A task ended DONE: the answer it wrote in one go joins the cache, here and (through the topic) everywhere. */
    public void taskDone(AgentTask task, int attempt, String modelName, CachingStreamingChatModel model) {
        Optional<ChunkOffsets.Span> span = offsets.take(task.getGenerationId(), task.getTaskId(), attempt);
        Optional<String> answer = model.cacheableAnswer();
        if (answer.isEmpty()) {
            return;
        }
        CacheProvenance provenance = CacheProvenance.newBuilder().setKey(model.key())
                .setSourceGenerationId(task.getGenerationId()).setSourceTaskId(task.getTaskId())
                .setChunksPartition(span.map(ChunkOffsets.Span::partition).orElse(-1))
                .setFirstOffset(span.map(ChunkOffsets.Span::first).orElse(-1L))
                .setLastOffset(span.map(ChunkOffsets.Span::last).orElse(-1L))
                .setTokens(model.capturedTokens()).setOriginalMillis(model.capturedMillis()).build();
        CachedAnswer entry = CachedAnswer.newBuilder().setModel(modelName).setRole(task.getRole())
                .setAnswer(answer.get()).setProvenance(provenance).setCreatedAt(Clock.systemUTC().instant()).build();
        cache.put(entry);
        try {
            KafkaSend.keyed(out, model.key(), entry).whenComplete((ok, error) -> {
                if (error != null) {
                    notShared(task, error);
                }
            });
        } catch (RuntimeException e) {
            // the emitter refuses at once when its buffer is full or its channel failed; this runs as
            // the task ends, and the task's slot and offset must not depend on sharing its answer
            notShared(task, e);
        }
    }

    private static void notShared(AgentTask task, Throwable error) {
        LOG.warnf("the answer of task %s of %s was kept here but not shared: %s", task.getTaskId(),
                task.getGenerationId(), error.getMessage());
    }

    /** Forgets what a task's chunks were, for a task that did not end DONE. */
    public void taskEnded(AgentTask task, int attempt) {
        offsets.take(task.getGenerationId(), task.getTaskId(), attempt);
    }

    ResponseCache cache() {
        return cache;
    }
}
