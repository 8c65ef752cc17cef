package io.streamgen.coordinator.topology;

import io.opentelemetry.api.trace.Span;
import io.streamgen.coordinator.engine.Coordinator;
import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.GenerationContext;
import io.streamgen.coordinator.engine.Outbox;
import io.streamgen.coordinator.engine.store.EngineStores;
import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.SeedMessage;
import io.streamgen.coordinator.state.SourceFile;
import io.streamgen.coordinator.state.TaskFileOutput;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.DeadLetter;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each input record by its topic, runs the engine on its generation and forwards what
 * the engine published. A record that cannot be decoded, or whose handling fails, becomes a
 * DeadLetter on streamgen.dlq and leaves the generation's state untouched.
 */
final class CoordinatorProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorProcessor.class);
    static final String SERVICE = "coordinator";
    /** Decoded documents kept per stream task (six per instance by default): see {@link DecodedValues}. */
    static final long DECODED_FILE_BYTES = 8L << 20;
    static final long DECODED_OUTPUT_BYTES = 4L << 20;
    static final int DECODED_GENERATIONS = 256;

    private final Coordinator engine;
    private final EngineSettings settings;
    private final LongSupplier wallClock;
    private final RecordTracing tracing;
    private final Map<String, AvroDeserializer<? extends SpecificRecord>> decoders = new HashMap<>();
    private ProcessorContext<String, Object> context;
    private DecodedValues<GenerationState> generations;
    private DecodedValues<GenerationRequested> requests;
    private final List<DecodedValues<?>> decoded = new ArrayList<>();
    /** The per-key stores, buffered for the record being handled (flushed after it, discarded when it fails). */
    private EngineStores stores;
    private KeyValueStore<String, Long> deadlines;
    /** Wall-clock time of this instance's first deadline check of its partitions; -1 before it. */
    private long watchingSince = -1;

    /** The coordinator's own topic for re-derivations from a checkpoint ({@link CoordinatorTopology#seedsTopic}). */
    private final String seedsTopic;
    private final StateSerde<SeedMessage> seedSerde = new StateSerde<>(SeedMessage.class);

    CoordinatorProcessor(Coordinator engine, EngineSettings settings, LongSupplier wallClock, RecordTracing tracing,
            String seedsTopic) {
        this.tracing = tracing;
        this.seedsTopic = seedsTopic;
        this.engine = engine;
        this.settings = settings;
        this.wallClock = wallClock;
        for (Topic<?> topic : List.<Topic<?>>of(Topics.REQUESTS, Topics.CHUNKS, Topics.STATUS, Topics.BUS,
                Topics.CONTROL)) {
            decoders.put(topic.name(), new AvroDeserializer<>(topic.valueType()));
        }
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        decoded.clear(); // init follows a restore too: only the stores' bytes are right then
        this.generations = decoded(context, StoreNames.GENERATIONS, DECODED_GENERATIONS, state -> 1);
        this.requests = decoded(context, StoreNames.REQUESTS, DECODED_GENERATIONS, request -> 1);
        this.stores = new EngineStores(decoded(context, StoreNames.FILES, DECODED_FILE_BYTES, SourceFile::weight),
                decoded(context, StoreNames.TASK_OUTPUT, DECODED_OUTPUT_BYTES, TaskFileOutput::weight),
                kv(context, StoreNames.CHANGES), kv(context, StoreNames.BLOBS), kv(context, StoreNames.MANIFESTS),
                kv(context, StoreNames.CHECKPOINTS));
        this.deadlines = context.getStateStore(StoreNames.DEADLINES);
        context.schedule(settings.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDeadlines);
    }

    private static <V> StoreKeyValues<V> kv(ProcessorContext<String, Object> context, String name) {
        KeyValueStore<String, V> store = context.getStateStore(name);
        return new StoreKeyValues<>(store);
    }

    private <V> DecodedValues<V> decoded(ProcessorContext<String, Object> context, String name,
            long maxWeight, java.util.function.ToLongFunction<V> weigher) {
        DecodedValues<V> values = new DecodedValues<>(kv(context, name), maxWeight, weigher);
        decoded.add(values);
        return values;
    }

    @Override
    public void close() {
        decoded.forEach(DecodedValues::clear);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        String topic = metadata == null ? "" : metadata.topic();
        if (topic.equals(seedsTopic)) {
            seed(record, topic, metadata);
            return;
        }
        SpecificRecord value;
        try {
            value = decode(topic, record.value());
        } catch (SerializationException e) {
            deadLetter(record, topic, e);
            return;
        }
        Span span = tracing.handling(topic, metadata == null ? -1 : metadata.partition(),
                metadata == null ? -1 : metadata.offset(), record.headers(), generationId(value));
        try {
            handle(record, value, tracing.contextOf(span));
        } catch (RuntimeException e) {
            LOG.error("cannot handle a record from {}; it goes to the dead-letter topic", topic, e);
            RecordTracing.failed(span, e);
            stores.discard();
            forgetGeneration(value);
            deadLetter(record, topic, e);
        } finally {
            span.end();
        }
    }

    private SpecificRecord decode(String topic, byte[] bytes) {
        AvroDeserializer<? extends SpecificRecord> decoder = decoders.get(topic);
        if (decoder == null) {
            throw new UndecodableRecordException(topic, "the coordinator does not read this topic", null);
        }
        SpecificRecord value = decoder.deserialize(topic, bytes);
        if (value == null) {
            throw new UndecodableRecordException(topic, "a record without a value", null);
        }
        return value;
    }

    /** @param trace the trace context every record forwarded for this one carries in its headers */
    private void handle(Record<String, byte[]> record, SpecificRecord value, Map<String, byte[]> trace) {
        String generationId = generationId(value);
        GenerationState state = generations.get(generationId);
        GenerationRequested request;
        if (value instanceof GenerationRequested requested) {
            if (state != null) {
                return; // a redelivered request: the generation already runs
            }
            state = Coordinator.newState(requested);
            request = requested;
        } else {
            if (state == null) {
                LOG.debug("dropping a {} for unknown generation {}", value.getClass().getSimpleName(), generationId);
                return;
            }
            request = requests.get(generationId);
        }
        Outbox outbox = new Outbox();
        GenerationContext ctx = new GenerationContext(state, request, stores, outbox, record.timestamp(),
                context.currentSystemTimeMs());
        if (value instanceof GenerationRequested) {
            engine.onRequest(ctx);
        } else if (value instanceof CodeChunk chunk) {
            engine.onChunk(ctx, chunk, wallClock.getAsLong());
        } else if (value instanceof AgentStatus status) {
            engine.onStatus(ctx, status);
        } else if (value instanceof AgentMessage message) {
            engine.onBus(ctx, message);
        } else if (value instanceof Intervention intervention) {
            engine.onIntervention(ctx, intervention);
        }
        if (value instanceof GenerationRequested) {
            requests.put(generationId, request);
        }
        save(ctx, outbox, record.timestamp(), false, trace);
    }

    /**
     * A record of a re-derivation from a checkpoint (see {@link SeedMessage}): a request is answered
     * from the source's stores, one file per record, writing nothing; an answer is applied to the
     * new generation like any input record. Each is handled in a span, as the input records are.
     */
    private void seed(Record<String, byte[]> record, String topic, RecordMetadata metadata) {
        SeedMessage message;
        try {
            message = record.value() == null ? null : seedSerde.deserializer().deserialize(topic, record.value());
            if (message == null || message.kind == null) {
                throw new UndecodableRecordException(topic, "a seed record without a kind", null);
            }
        } catch (RuntimeException e) {
            deadLetter(record, topic, e);
            return;
        }
        boolean request = message.kind == SeedMessage.Kind.REQUEST;
        Span span = tracing.handling(topic, metadata == null ? -1 : metadata.partition(),
                metadata == null ? -1 : metadata.offset(), record.headers(), request ? message.sourceId : message.targetId);
        Map<String, byte[]> trace = tracing.contextOf(span);
        try {
            if (request) {
                answerSeed(record, message, trace);
            } else {
                applySeed(record, topic, message, trace);
            }
        } finally {
            span.end();
        }
    }

    private void answerSeed(Record<String, byte[]> record, SeedMessage message, Map<String, byte[]> trace) {
        try {
            Coordinator.answerSeed(stores, generations.get(message.sourceId), message,
                    answer -> forwardSeed(answer, record.timestamp(), trace), stores::discard);
        } catch (RuntimeException e) {
            LOG.error("cannot answer the seed request of {} from {}", message.targetId, message.sourceId, e);
            forwardSeed(message.failed("cannot re-derive from checkpoint " + message.checkpointId
                    + " of generation " + message.sourceId + ": " + e.getMessage()), record.timestamp(), trace);
        } finally {
            stores.discard(); // it only read
        }
    }

    private void applySeed(Record<String, byte[]> record, String topic, SeedMessage message, Map<String, byte[]> trace) {
        GenerationState state = generations.get(message.targetId);
        if (state == null) {
            LOG.debug("dropping a seed answer for unknown generation {}", message.targetId);
            return;
        }
        try {
            Outbox outbox = new Outbox();
            GenerationContext ctx = new GenerationContext(state, requests.get(message.targetId), stores, outbox,
                    record.timestamp(), context.currentSystemTimeMs());
            engine.onSeed(ctx, message);
            save(ctx, outbox, record.timestamp(), false, trace);
        } catch (RuntimeException e) {
            LOG.error("cannot apply a seed record of generation {}; it goes to the dead-letter topic",
                    message.targetId, e);
            stores.discard();
            generations.forget(message.targetId);
            deadLetter(record, topic, e);
        }
    }

    private void forwardSeed(SeedMessage message, long timestamp, Map<String, byte[]> trace) {
        context.forward(new Record<>(message.key(), message, timestamp, RecordTracing.headers(trace)),
                CoordinatorTopology.SEEDS_SINK);
    }

    /**
     * The wall-clock punctuation (DESIGN §5 Deadlines): looks only at the generations the deadline
     * index says are due, times out their silent tasks and commits the outcome in the task's own
     * transaction, like any record's.
     */
    private void checkDeadlines(long now) {
        if (watchingSince < 0) {
            watchingSince = now; // tasks taken over from another instance (or a restart) get a whole deadline
        }
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> index = deadlines.all()) {
            index.forEachRemaining(entry -> {
                if (entry.value <= now) {
                    due.add(entry.key);
                }
            });
        }
        for (String generationId : due) {
            try {
                timeOut(generationId, now);
            } catch (RuntimeException e) {
                LOG.error("cannot check the deadlines of generation {}; looking again later", generationId, e);
                stores.discard();
                generations.forget(generationId);
                deadlines.put(generationId, now + settings.taskDeadline().toMillis());
            }
        }
    }

    private void timeOut(String generationId, long now) {
        GenerationState state = generations.get(generationId);
        if (state == null) {
            deadlines.delete(generationId);
            return;
        }
        Outbox outbox = new Outbox();
        GenerationContext ctx = new GenerationContext(state, requests.get(generationId), stores, outbox, now, now);
        engine.onDeadlines(ctx, watchingSince);
        if (outbox.messages().isEmpty()) {
            save(ctx, outbox, now, true, Map.of());
            return;
        }
        Span span = tracing.checkingDeadlines(generationId);
        try {
            save(ctx, outbox, now, true, tracing.contextOf(span));
        } finally {
            span.end();
        }
    }

    /**
     * Stores the generation, keeps its entry in the deadline index and forwards what it published.
     * After a record the indexed time only moves earlier (it is a lower bound: a sign of life makes
     * it early, not wrong, and saves a store write per chunk); after a check it is set exactly.
     */
    private void save(GenerationContext ctx, Outbox outbox, long timestamp, boolean checked, Map<String, byte[]> trace) {
        String generationId = ctx.id();
        GenerationState state = ctx.state();
        ctx.finish();
        stores.flush();
        generations.put(generationId, state);
        OptionalLong next = engine.nextDeadline(state, Math.max(watchingSince, 0));
        Long indexed = deadlines.get(generationId);
        if (next.isEmpty()) {
            if (indexed != null) {
                deadlines.delete(generationId);
            }
        } else if (checked || indexed == null || next.getAsLong() < indexed) {
            deadlines.put(generationId, next.getAsLong());
        }
        for (Outbox.Message message : outbox.messages()) {
            String sink = switch (message.target()) {
                case TASKS -> CoordinatorTopology.taskSink(message.role());
                case EVENTS -> CoordinatorTopology.EVENTS_SINK;
                case CHECKPOINTS -> CoordinatorTopology.CHECKPOINTS_SINK;
            };
            context.forward(new Record<>(message.key(), message.value(), timestamp, RecordTracing.headers(trace)), sink);
        }
        outbox.seeds().forEach(seed -> forwardSeed(seed, timestamp, trace));
    }

    /** The generation's decoded state may be half-changed by a handling that failed: decode it again. */
    private void forgetGeneration(SpecificRecord value) {
        if (value != null) {
            generations.forget(generationId(value));
        }
    }

    private static String generationId(SpecificRecord value) {
        // every input record names its generation in its first field
        Object id = value.get(value.getSchema().getField("generationId").pos());
        return String.valueOf(id);
    }

    private void deadLetter(Record<String, byte[]> record, String topic, Exception error) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        DeadLetter letter = DeadLetter.newBuilder().setSourceTopic(topic)
                .setPartition(metadata == null ? -1 : metadata.partition())
                .setOffset(metadata == null ? -1 : metadata.offset())
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(String.valueOf(error.getMessage())).setService(SERVICE)
                .setAt(Instant.ofEpochMilli(record.timestamp())).build();
        // the letter keeps the record's own headers: its trace context among them
        context.forward(new Record<>(record.key(), letter, record.timestamp(), record.headers()),
                CoordinatorTopology.DLQ_SINK);
    }
}
