package io.streamgen.gateway.hub;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.recent.RecentGenerations;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * At start-up, reads back a bounded window of the events topic's history into the list of recent
 * generations (the hub itself starts at the end): per partition, the records of the last
 * {@code streamgen.gateway.recent.read-back} (found with offsets-for-times), at most the newest
 * {@code read-back-records}. It runs once the hub is reading, on its own thread and consumer, up to
 * the end offsets as they are then; what the hub also sees live is applied twice, which the list
 * absorbs (each field keeps its highest offset's value).
 */
@ApplicationScoped
public class RecentReadBack {

    private static final Logger LOG = Logger.getLogger(RecentReadBack.class);

    @Inject
    KafkaClients clients;

    @Inject
    GatewayConfig config;

    @Inject
    EventHub hub;

    @Inject
    RecentGenerations recent;

    @Inject
    GenerationStarts starts;

    private final EventDecoder decoder = new EventDecoder();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean done;
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        thread = new Thread(() -> {
            try {
                hub.awaitAssigned(Duration.ofMinutes(2));
                long read = load(recent::apply, System.currentTimeMillis());
                LOG.infof("read back %d records of %s: %d recent generations listed", read, Topics.EVENTS.name(),
                        recent.size());
            } catch (WakeupException | InterruptException e) {
                // shutting down
            } catch (RuntimeException e) {
                LOG.warnf("reading back the recent generations failed (the list holds what is seen live): %s",
                        e.getMessage());
            } finally {
                done = true;
            }
        }, "streamgen-recent-read-back");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Whether the start-up read-back has finished (or given up). */
    public boolean done() {
        return done;
    }

    /**
     * Hands every decoded record of the window that ends now to {@code each} (and remembers the
     * start times it sees); returns how many records were read.
     */
    public long load(Consumer<HubRecord> each, long nowMillis) {
        GatewayConfig.Recent settings = config.recent();
        try (KafkaConsumer<String, byte[]> c = clients.consumer("streamgen-gateway-recent")) {
            consumer = c;
            List<TopicPartition> all = c.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> end = c.endOffsets(all, Duration.ofSeconds(30));
            Map<TopicPartition, Long> begin = c.beginningOffsets(all, Duration.ofSeconds(30));
            Map<TopicPartition, Long> since = new HashMap<>();
            all.forEach(tp -> since.put(tp, Math.max(0, nowMillis - settings.readBack().toMillis())));
            Map<TopicPartition, OffsetAndTimestamp> byTime = c.offsetsForTimes(since, Duration.ofSeconds(30));
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition tp : all) {
                OffsetAndTimestamp at = byTime.get(tp);
                long first = Math.max(at == null ? end.get(tp) : at.offset(),
                        Math.max(begin.get(tp), end.get(tp) - settings.readBackRecords()));
                if (first < end.get(tp)) {
                    from.put(tp, first);
                }
            }
            if (from.isEmpty()) {
                return 0;
            }
            c.assign(List.copyOf(from.keySet()));
            from.forEach(c::seek);
            long read = 0;
            long deadline = System.nanoTime() + settings.readBackTimeout().toNanos();
            while (from.keySet().stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("reading back recent generations stopped after %s (%d records read)",
                            settings.readBackTimeout(), read);
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp)) {
                        continue; // live: the hub has it
                    }
                    read++;
                    HubRecord r = decoder.decode(record);
                    if (r == null) {
                        continue;
                    }
                    if (r.event().getPayload() instanceof GenerationStarted started) {
                        starts.remember(r.generationId(),
                                Math.min(r.timestamp(), started.getRequestedAt().toEpochMilli()));
                    }
                    each.accept(r);
                }
                pauseFinished(c, from, end);
            }
            return read;
        } finally {
            consumer = null;
        }
    }

    /** Stops fetching partitions already read to their end (the rest go on). */
    private static void pauseFinished(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> end) {
        List<TopicPartition> finished = from.keySet().stream().filter(tp -> c.position(tp) >= end.get(tp)).toList();
        if (!finished.isEmpty()) {
            c.pause(finished);
        }
    }
}
