package io.streamgen.gateway.hub;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamgen.gateway.recent.RecentGenerations;
import io.streamgen.gateway.stream.Subscription;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.opentelemetry.api.trace.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * The one live consumer of the events topic: every partition, from the end, on one thread; each
 * record is decoded once and fanned out in memory to the subscriptions of its generation and to the
 * firehose. A subscription registers under the same lock that dispatches, and learns the partition
 * position from which it will be fed live: everything before it is history for the catch-up reader.
 */
@ApplicationScoped
public class EventHub {

    private static final Logger LOG = Logger.getLogger(EventHub.class);

    @Inject
    KafkaClients clients;

    @Inject
    GenerationStarts starts;

    @Inject
    RecentGenerations recent;

    private final Object lock = new Object();
    private final Map<Integer, Long> positions = new HashMap<>();
    private final Map<String, Set<Subscription>> byGeneration = new ConcurrentHashMap<>();
    private final Set<Subscription> firehose = ConcurrentHashMap.newKeySet();
    private final List<java.util.function.Consumer<HubRecord>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    @Inject
    EventTraces traces;

    private EventDecoder decoder;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile int partitions;
    private volatile long lastPollMillis;
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        decoder = new EventDecoder(traces);
        running = true;
        thread = new Thread(this::run, "streamgen-event-hub");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Live and polling recently: for readiness. */
    public boolean healthy() {
        return running && assigned.getCount() == 0 && System.currentTimeMillis() - lastPollMillis < 30_000;
    }

    /** Waits (bounded) until the hub is reading every partition. */
    public void awaitAssigned(Duration within) {
        try {
            if (!assigned.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the events topic is not being read yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The events partition of a generation: Kafka's default partitioner on its key. */
    public int partitionOf(String generationId) {
        return Utils.toPositive(Utils.murmur2(generationId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public int partitions() {
        return partitions;
    }

    /**
     * Feeds {@code subscription} every later record of its generation; returns the offset from which
     * it is fed live (earlier records are history).
     */
    public long register(Subscription subscription, int partition) {
        synchronized (lock) {
            byGeneration.computeIfAbsent(subscription.generationId(), g -> ConcurrentHashMap.newKeySet()).add(subscription);
            return positions.getOrDefault(partition, 0L);
        }
    }

    /**
     * Calls {@code listener} with every live record, on the hub's thread: it must only hand the
     * record on (the preview runner queues its work), never block.
     */
    public void addListener(java.util.function.Consumer<HubRecord> listener) {
        listeners.add(listener);
    }

    public void registerFirehose(Subscription subscription) {
        synchronized (lock) {
            firehose.add(subscription);
        }
    }

    public void unregister(Subscription subscription) {
        firehose.remove(subscription);
        if (subscription.generationId() != null) {
            byGeneration.computeIfPresent(subscription.generationId(), (g, subs) -> {
                subs.remove(subscription);
                return subs.isEmpty() ? null : subs;
            });
        }
    }

    /** Every open subscription (for keep-alives). */
    public List<Subscription> subscriptions() {
        List<Subscription> all = new ArrayList<>(firehose);
        byGeneration.values().forEach(all::addAll);
        return all;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = clients.consumer("streamgen-gateway-hub")) {
                consumer = c;
                List<TopicPartition> all = c.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                partitions = all.size();
                c.assign(all);
                c.seekToEnd(all);
                Map<Integer, Long> start = new HashMap<>();
                for (TopicPartition tp : all) {
                    start.put(tp.partition(), c.position(tp));
                }
                synchronized (lock) {
                    positions.putAll(start);
                }
                lastPollMillis = System.currentTimeMillis();
                assigned.countDown();
                LOG.infof("event hub reading %d partitions of %s", all.size(), Topics.EVENTS.name());
                while (running) {
                    ConsumerRecords<String, byte[]> batch = c.poll(Duration.ofMillis(200));
                    lastPollMillis = System.currentTimeMillis();
                    List<HubRecord> decoded = new ArrayList<>(batch.count());
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        HubRecord r = decoder.decode(record);
                        if (r != null) {
                            decoded.add(r);
                        }
                    }
                    Map<Integer, Long> now = new HashMap<>();
                    for (TopicPartition tp : batch.partitions()) {
                        now.put(tp.partition(), c.position(tp));
                    }
                    dispatch(decoded, now);
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                LOG.warnf(e, "event hub consumer failed; restarting in 1 s");
                sleep();
            }
        }
    }

    private void dispatch(List<HubRecord> records, Map<Integer, Long> now) {
        synchronized (lock) {
            for (HubRecord record : records) {
                if (record.event().getPayload() instanceof GenerationStarted started) {
                    starts.remember(record.generationId(),
                            Math.min(record.timestamp(), started.getRequestedAt().toEpochMilli()));
                }
                recent.apply(record); // before the fan-out: a client that reacts to the event finds it listed
                Span span = traces.delivering(record);
                Set<Subscription> subs = byGeneration.get(record.generationId());
                if (subs != null) {
                    subs.forEach(s -> s.onLive(record));
                }
                firehose.forEach(s -> s.onLive(record));
                EventTraces.delivered(span, (subs == null ? 0 : subs.size()) + firehose.size());
                for (var listener : listeners) {
                    try {
                        listener.accept(record);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "a listener of the event hub failed on %s", record.position());
                    }
                }
            }
            positions.putAll(now);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
