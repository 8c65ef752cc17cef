package io.streamgen.gateway.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.hub.EventPosition;
import io.streamgen.gateway.hub.GenerationStarts;
import io.streamgen.gateway.hub.HistoryReaders;
import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.event.CheckpointTaken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Opens subscriptions: registers them with the hub, reads their history (from the generation's first
 * event found by time, after a resumed event id, or from a checkpoint), then lets them go live.
 * Sends keep-alive comments to idle clients.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);

    @Inject
    CheckpointContents checkpointContents;

    @Inject
    EventHub hub;

    @Inject
    HistoryReaders history;

    @Inject
    GenerationStarts starts;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayMetrics metrics;

    private ScheduledExecutorService keepAlive;

    void start(@Observes StartupEvent startup) {
        keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamgen-keep-alive");
            t.setDaemon(true);
            return t;
        });
        long every = config.keepAlive().toMillis();
        keepAlive.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        keepAlive.shutdownNow();
        hub.subscriptions().forEach(Subscription::close);
    }

    /**
     * Validates the request (IllegalArgumentException: 400; NotFoundException: 404;
     * StreamEndedException: nothing more to send) and starts streaming into {@code sink}.
     */
    public Subscription open(StreamRequest request, EventSink sink) {
        hub.awaitAssigned(Duration.ofSeconds(30));
        ClientQueue queue = new ClientQueue(config.clientQueueCapacity(), config.draftCoalesceMaxChars());
        if (request.generationId() == null) {
            Subscription firehose = new Subscription(null, request.filter(), queue, sink, metrics, true);
            firehose.onClose(() -> hub.unregister(firehose));
            hub.registerFirehose(firehose);
            firehose.enqueue(Outbound.comment("connected"));
            return firehose;
        }
        String generationId = request.generationId();
        int partition = hub.partitionOf(generationId);
        EventPosition after = request.after();
        if (after != null && after.partition() != partition) {
            throw new IllegalArgumentException("event id " + after + " is not on partition " + partition
                    + ", where generation " + generationId + " is");
        }
        if (after != null) {
            Optional<HubRecord> last = wait(history.recordAt(partition, after.offset()));
            if (last.isPresent() && last.get().terminal() && generationId.equals(last.get().generationId())
                    && !wait(history.rolledBackAfter(partition, after.offset(), generationId))) {
                throw new StreamEndedException(generationId);
            }
        }
        Checkpoint checkpoint = null;
        if (request.fromCheckpoint() != null) {
            checkpoint = wait(history.checkpoint(generationId, request.fromCheckpoint())).orElseThrow(
                    () -> new NotFoundException("generation " + generationId + " has no checkpoint "
                            + request.fromCheckpoint()));
            checkpoint = checkpointContents.complete(checkpoint);
        }
        Subscription subscription = new Subscription(generationId, request.filter(), queue, sink, metrics, false);
        subscription.onClose(() -> hub.unregister(subscription));
        long liveFrom = hub.register(subscription, partition);
        long from;
        try {
            from = after != null ? after.offset() + 1
                    : wait(history.offsetAt(partition, starts.startOf(generationId, System.currentTimeMillis())
                            - config.startSlack().toMillis()));
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        subscription.startAt(from);
        subscription.enqueue(Outbound.comment("connected"));
        CheckpointGate gate = checkpoint == null ? null : new CheckpointGate(subscription, checkpoint);
        history.read(partition, from, liveFrom, record -> {
            if (subscription.isClosed()) {
                return false;
            }
            if (gate == null) {
                subscription.onHistory(record);
            } else {
                gate.onHistory(record);
            }
            return true;
        }).whenComplete((done, error) -> {
            if (error != null) {
                LOG.warnf(error, "reading the history of %s failed; closing its client", generationId);
                subscription.close();
                return;
            }
            if (gate != null) {
                gate.finish();
            }
            subscription.goLive();
        });
        return subscription;
    }

    private void keepAlive() {
        try {
            for (Subscription s : hub.subscriptions()) {
                if (s.isClosed()) {
                    s.close();
                } else {
                    s.keepAlive();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("keep-alive round failed", e);
        }
    }

    private <T> T wait(CompletableFuture<T> future) {
        try {
            return future.get(config.catchUpTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the events topic did not answer within " + config.catchUpTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * {@code ?fromCheckpoint=n}: history is skipped up to the CheckpointTaken of n, which goes out
     * followed by the checkpoint's files as snapshots; everything after it follows as usual.
     */
    private static final class CheckpointGate {

        private final Subscription subscription;
        private final Checkpoint checkpoint;
        private boolean open;

        CheckpointGate(Subscription subscription, Checkpoint checkpoint) {
            this.subscription = subscription;
            this.checkpoint = checkpoint;
        }

        void onHistory(HubRecord record) {
            if (open) {
                subscription.onHistory(record);
                return;
            }
            if (record.event().getPayload() instanceof CheckpointTaken taken
                    && taken.getCheckpointId() == checkpoint.getCheckpointId()
                    && record.generationId().equals(checkpoint.getGenerationId())) {
                subscription.onHistory(record);
                sendFiles(record.position().toString());
                open = true;
            }
        }

        /** No CheckpointTaken in history: the files go out before the live events. */
        void finish() {
            if (!open) {
                sendFiles(null);
                open = true;
            }
        }

        private void sendFiles(String id) {
            Map<String, io.streamgen.schema.CheckpointFile> files = new TreeMap<>(checkpoint.getFiles());
            files.forEach((path, file) -> {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("path", path);
                payload.put("version", file.getVersion());
                payload.put("op", "CREATED");
                payload.put("diff", "");
                payload.put("content", file.getContent());
                payload.put("authors", List.of());
                payload.put("sha256", file.getSha256());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", id);
                body.put("type", "file-changed");
                body.put("generationId", checkpoint.getGenerationId());
                body.put("at", checkpoint.getCreatedAt().toString());
                body.put("progress", null);
                body.put("content", file.getContent());
                body.put("agentId", "coordinator");
                body.put("code", file.getContent());
                body.put("metadata", Map.of("type", "file-changed", "path", path, "version", file.getVersion(),
                        "checkpointId", checkpoint.getCheckpointId()));
                body.put("payload", payload);
                body.put("snapshot", true);
                body.put("checkpointId", checkpoint.getCheckpointId());
                subscription.enqueue(Outbound.synthetic(id, "file-changed", body));
            });
        }
    }
}
