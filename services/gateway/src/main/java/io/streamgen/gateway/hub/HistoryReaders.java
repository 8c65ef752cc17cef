package io.streamgen.gateway.hub;

import io.quarkus.runtime.ShutdownEvent;
import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.RolledBack;
import io.streamgen.schema.serde.CheckpointDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads history on a few threads, each with one reusable consumer: where a generation starts
 * (offsets-for-times), the records of one partition between two offsets, one record, a checkpoint.
 * A client costs a consumer only while it catches up, never while it is live.
 */
@ApplicationScoped
public class HistoryReaders {

    @Inject
    KafkaClients clients;

    @Inject
    GatewayConfig config;

    private final EventDecoder decoder = new EventDecoder();
    private final AtomicInteger threads = new AtomicInteger();
    private final List<KafkaConsumer<String, byte[]>> opened = new ArrayList<>();
    private ExecutorService pool;
    private ThreadLocal<KafkaConsumer<String, byte[]>> consumer;

    @PostConstruct
    void init() {
        pool = Executors.newFixedThreadPool(config.catchUpReaders(), r -> {
            Thread t = new Thread(r, "streamgen-history-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        consumer = ThreadLocal.withInitial(() -> {
            KafkaConsumer<String, byte[]> c = clients.consumer("streamgen-gateway-history-" + Thread.currentThread().getName());
            synchronized (opened) {
                opened.add(c);
            }
            return c;
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pool.shutdownNow();
        synchronized (opened) {
            for (KafkaConsumer<String, byte[]> c : opened) {
                try {
                    c.close(Duration.ZERO);
                } catch (RuntimeException e) {
                    // in use by a reader that is being stopped
                }
            }
        }
    }

    /**
     * The first offset of {@code partition} whose timestamp is at or after {@code epochMillis}.
     * The end offset is read before the search: when nothing committed is that recent, that end is
     * where the generation's events can start. Reading it after the search would skip whatever the
     * coordinator committed in between (a new generation's first events, on an empty partition).
     */
    public CompletableFuture<Long> offsetAt(int partition, long epochMillis) {
        return on(c -> {
            TopicPartition tp = new TopicPartition(Topics.EVENTS.name(), partition);
            long endBefore = c.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(Map.of(tp, Math.max(0, epochMillis)),
                    Duration.ofSeconds(10));
            OffsetAndTimestamp at = found.get(tp);
            return at != null ? at.offset() : endBefore;
        });
    }

    /**
     * Hands every decoded record of {@code partition} in {@code [from, until)} to {@code each}, in
     * order, until it returns false.
     */
    public CompletableFuture<Void> read(int partition, long from, long until, Predicate<HubRecord> each) {
        return on(c -> {
            readWith(c, partition, from, until, each);
            return null;
        });
    }

    private void readWith(KafkaConsumer<String, byte[]> c, int partition, long from, long until, Predicate<HubRecord> each) {
        if (from >= until) {
            return;
        }
        TopicPartition tp = new TopicPartition(Topics.EVENTS.name(), partition);
        c.assign(List.of(tp));
        c.seek(tp, from);
        long deadline = System.nanoTime() + config.catchUpTimeout().toNanos();
        while (c.position(tp) < until) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("history of partition " + partition + " not read within "
                        + config.catchUpTimeout());
            }
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(100))) {
                if (record.offset() >= until) {
                    return;
                }
                HubRecord r = decoder.decode(record);
                if (r != null && !each.test(r)) {
                    return;
                }
            }
        }
    }

    /** The record at one position, if it decodes. */
    public CompletableFuture<Optional<HubRecord>> recordAt(int partition, long offset) {
        return on(c -> {
            TopicPartition tp = new TopicPartition(Topics.EVENTS.name(), partition);
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            if (offset >= end) {
                return Optional.empty();
            }
            c.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && c.position(tp) <= offset) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(100))) {
                    if (record.offset() == offset) {
                        return Optional.ofNullable(decoder.decode(record));
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Whether the generation was rolled back after {@code offset} (read to the partition's end as
     * it is now): then an end at {@code offset} was not its last, and a client resuming there has a
     * re-run to see.
     */
    public CompletableFuture<Boolean> rolledBackAfter(int partition, long offset, String generationId) {
        return on(c -> {
            TopicPartition tp = new TopicPartition(Topics.EVENTS.name(), partition);
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            AtomicBoolean found = new AtomicBoolean();
            readWith(c, partition, offset + 1, end, record -> {
                found.set(generationId.equals(record.generationId()) && record.event().getPayload() instanceof RolledBack);
                return !found.get();
            });
            return found.get();
        });
    }

    /** A generation as its events tell it: how it started, and whether it has ended (no rollback after its last end). */
    public record Outline(GenerationStarted started, boolean ended) {
    }

    /** The {@link Outline} of a generation, read from {@code from} to the partition's end as it is now. */
    public CompletableFuture<Optional<Outline>> outline(int partition, long from, String generationId) {
        return on(c -> {
            TopicPartition tp = new TopicPartition(Topics.EVENTS.name(), partition);
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            GenerationStarted[] started = {null};
            AtomicBoolean ended = new AtomicBoolean();
            readWith(c, partition, from, end, record -> {
                if (generationId.equals(record.generationId())) {
                    Object payload = record.event().getPayload();
                    if (payload instanceof GenerationStarted s && started[0] == null) {
                        started[0] = s;
                    } else if (record.terminal()) {
                        ended.set(true);
                    } else if (payload instanceof RolledBack) {
                        ended.set(false);
                    }
                }
                return true;
            });
            return Optional.ofNullable(started[0]).map(s -> new Outline(s, ended.get()));
        });
    }

    /** Checkpoint {@code n} of a generation from the compacted checkpoints topic. */
    public CompletableFuture<Optional<Checkpoint>> checkpoint(String generationId, int n) {
        return on(c -> {
            String key = Topics.checkpointKey(generationId, n);
            int partitions = c.partitionsFor(Topics.CHECKPOINTS.name(), Duration.ofSeconds(10)).size();
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            TopicPartition tp = new TopicPartition(Topics.CHECKPOINTS.name(), partition);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            CheckpointDeserializer deserializer = new CheckpointDeserializer();
            Checkpoint found = null;
            long deadline = System.nanoTime() + config.catchUpTimeout().toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(100))) {
                    if (key.equals(record.key())) {
                        try {
                            found = record.value() == null ? null
                                    : deserializer.deserialize(Topics.CHECKPOINTS.name(), record.value());
                        } catch (UndecodableRecordException e) {
                            found = null;
                        }
                    }
                }
            }
            return Optional.ofNullable(found);
        });
    }

    private <T> CompletableFuture<T> on(Function<KafkaConsumer<String, byte[]>, T> work) {
        return CompletableFuture.supplyAsync(() -> {
            KafkaConsumer<String, byte[]> c = consumer.get();
            try {
                return work.apply(c);
            } finally {
                c.unsubscribe();
            }
        }, pool);
    }
}
