package io.streamgen.cli;

import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.InterventionAction;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.InterventionApplied;
import io.streamgen.schema.event.RolledBack;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.serde.GenerationEventDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Talks to streamgen the way a platform team's own code would: produces requests and interventions
 * straight to their topics and reads a generation's events from the merged topic (only its
 * partition; {@code read_committed}, so only what the coordinator committed). The merged files
 * come from the coordinator's interactive queries.
 */
public final class KafkaGenerations implements Generations {

    /** One event with its position: {@code <partition>-<offset>} is its id everywhere. */
    public record Event(int partition, long offset, GenerationEvent event) {
        public String id() {
            return partition + "-" + offset;
        }

        public String type() {
            return event.getPayload().getClass().getSimpleName();
        }

        public boolean ends() {
            return event.getPayload() instanceof GenerationCompleted || event.getPayload() instanceof GenerationFailed;
        }
    }

    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final CoordinatorFiles files;
    /** More client settings, e.g. a locked-down broker's login ({@code security.protocol}, {@code sasl.*}). */
    private final Map<String, Object> clientConfig;

    public KafkaGenerations(String bootstrapServers) {
        this(bootstrapServers, null);
    }

    /** {@code coordinator}: where {@link #writeFiles} reads the merged files (null: not needed). */
    public KafkaGenerations(String bootstrapServers, URI coordinator) {
        this(bootstrapServers, coordinator, null, Map.of());
    }

    /** {@code clientConfig}: settings every producer and consumer gets too (a login, say). */
    public KafkaGenerations(String bootstrapServers, URI coordinator, Map<String, Object> clientConfig) {
        this(bootstrapServers, coordinator, null, clientConfig);
    }

    /** {@code coordinatorSecret}: the coordinator's API secret (null: none); {@code clientConfig} as above. */
    public KafkaGenerations(String bootstrapServers, URI coordinator, String coordinatorSecret,
            Map<String, Object> clientConfig) {
        this.bootstrapServers = bootstrapServers;
        this.files = coordinator == null ? null : new CoordinatorFiles(coordinator, coordinatorSecret, System.err);
        this.clientConfig = Map.copyOf(clientConfig);
    }

    private Map<String, Object> withClientConfig(Map<String, Object> config) {
        Map<String, Object> all = new java.util.HashMap<>(clientConfig);
        all.putAll(config);
        return all;
    }

    @Override
    public String submit(GenerationRequested request) {
        send(Topics.REQUESTS.name(), request.getGenerationId(), request);
        return request.getGenerationId();
    }

    @Override
    public String intervene(Intervention intervention) {
        send(Topics.CONTROL.name(), intervention.getGenerationId(), intervention);
        return intervention.getInterventionId();
    }

    @Override
    public List<String> writeFiles(String generationId, Path out) throws IOException, InterruptedException {
        if (files == null) {
            throw new IllegalStateException("no coordinator URL to read the files from");
        }
        return files.writeTo(generationId, out);
    }

    @Override
    public StreamedEvent follow(String generationId, FollowFrom from, Duration timeout, Consumer<StreamedEvent> onEvent) {
        Event last = read(generationId, from, timeout, event -> onEvent.accept(StreamedEvent.of(event.event(), event.id())));
        return last == null ? null : StreamedEvent.of(last.event(), last.id());
    }

    /** Like {@link #follow}, with the events as records. */
    public Event read(String generationId, FollowFrom from, Duration timeout, Consumer<Event> onEvent) {
        GenerationEventDeserializer events = new GenerationEventDeserializer();
        Map<String, Object> config = withClientConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        long deadline = System.nanoTime() + timeout.toNanos();
        Event last = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = partitionOf(consumer, generationId);
            consumer.assign(List.of(partition));
            // what was committed when we began: an end before it may be followed by a rollback's re-run
            // (or by events of interventions sent after the end), so it is the last end before it that counts
            long endAtStart = consumer.endOffsets(List.of(partition), ANSWER).get(partition);
            long showFrom = startOffset(consumer, partition, from, endAtStart);
            // after an event id, that event is read too (not shown): if it was the end, there is nothing to wait for
            consumer.seek(partition, from instanceof FollowFrom.After ? showFrom - 1 : showFrom);
            boolean gateOpen = !(from instanceof FollowFrom.Checkpoint || from instanceof FollowFrom.AfterIntervention);
            boolean seen = false;
            Event end = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!generationId.equals(record.key())) {
                        continue;
                    }
                    Event event;
                    try {
                        event = new Event(record.partition(), record.offset(), events.deserialize(record.topic(), record.value()));
                    } catch (UndecodableRecordException e) {
                        continue; // not ours to show; the coordinator's dead letters say why
                    }
                    seen = true;
                    end = event.ends() ? event : event.event().getPayload() instanceof RolledBack ? null : end;
                    if (record.offset() < showFrom) {
                        continue;
                    }
                    if (!gateOpen) {
                        gateOpen = opens(from, event.event().getPayload());
                        if (!gateOpen) {
                            continue;
                        }
                        if (event.event().getPayload() instanceof InterventionApplied applied && applied.getAccepted()
                                && applied.getAction() == InterventionAction.ROLLBACK) {
                            end = null; // an accepted rollback: it runs again, whatever ended before
                        }
                    }
                    last = event;
                    onEvent.accept(event);
                    if (event.ends() && event.offset() + 1 >= endAtStart) {
                        return event; // the end, live
                    }
                }
                // an intervention just sent may not be applied yet: wait for it, whatever ended before
                if (consumer.position(partition) >= endAtStart && !(from instanceof FollowFrom.AfterIntervention && !gateOpen)) {
                    if (end != null) {
                        return gateOpen ? end : null; // it had ended (without that checkpoint: nothing to show)
                    }
                    if (!seen && (from instanceof FollowFrom.Beginning || from instanceof FollowFrom.Checkpoint)) {
                        return null; // nothing of it on the topic
                    }
                }
            }
        }
        return last;
    }

    /** Whether {@code payload} is where a follow from a checkpoint or an intervention starts. */
    static boolean opens(FollowFrom from, Object payload) {
        if (from instanceof FollowFrom.Checkpoint checkpoint) {
            return payload instanceof CheckpointTaken taken && taken.getCheckpointId() == checkpoint.n();
        }
        return from instanceof FollowFrom.AfterIntervention after && payload instanceof InterventionApplied applied
                && after.interventionId().equals(applied.getInterventionId());
    }

    private static TopicPartition partitionOf(KafkaConsumer<?, ?> consumer, String generationId) {
        int partitions = consumer.partitionsFor(Topics.EVENTS.name(), ANSWER).size();
        // the coordinator keys events by generation id with the default partitioner
        return new TopicPartition(Topics.EVENTS.name(),
                Utils.toPositive(Utils.murmur2(generationId.getBytes(StandardCharsets.UTF_8))) % partitions);
    }

    private static long startOffset(KafkaConsumer<?, ?> consumer, TopicPartition partition, FollowFrom from, long endAtStart) {
        if (from instanceof FollowFrom.After after) {
            FollowFrom.EventId id = FollowFrom.EventId.parse(after.eventId());
            if (id.partition() != partition.partition()) {
                throw new UsageException("event " + after.eventId() + " is not on partition "
                        + partition.partition() + ", where this generation's events are");
            }
            return id.offset() + 1;
        }
        if (from instanceof FollowFrom.Submitted submitted) {
            return offsetAt(consumer, partition, submitted.since(), endAtStart);
        }
        if (from instanceof FollowFrom.AfterIntervention after) {
            // its InterventionApplied carries the control record's time; a few seconds of slack for clocks
            return offsetAt(consumer, partition, after.sentAt().minusSeconds(5), endAtStart);
        }
        return consumer.beginningOffsets(List.of(partition), ANSWER).get(partition);
    }

    /**
     * The first offset at or after {@code time}; when nothing committed is that recent, the end
     * read before the search ({@code endBefore}), not the end at the next poll: that one may
     * already be past a new generation's first events.
     */
    static long offsetAt(KafkaConsumer<?, ?> consumer, TopicPartition partition, Instant time, long endBefore) {
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, time.toEpochMilli()), ANSWER).get(partition);
        return found != null ? found.offset() : endBefore;
    }

    private <V extends SpecificRecord> void send(String topic, String key, V value) {
        Map<String, Object> config = withClientConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000));
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic + " on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
