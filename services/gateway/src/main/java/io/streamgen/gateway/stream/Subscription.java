package io.streamgen.gateway.stream;

import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.event.RolledBack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One client's view of the events: history first (while live records wait aside), then live.
 * Records are delivered by offset, so the hand-over from history to live has no gap and no
 * duplicate; the end of a generation ends the subscription. Items go through a bounded
 * {@link ClientQueue} and are written one at a time, the next once the transport took the last.
 */
public final class Subscription {

    private static final Logger LOG = Logger.getLogger(Subscription.class);
    private static final int MAX_WAITING_LIVE = 10_000;

    private enum State { CATCHING_UP, LIVE, ENDED }

    private final String generationId;
    private final EventFilter filter;
    private final ClientQueue queue;
    private final EventSink sink;
    private final GatewayMetrics metrics;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<HubRecord> waitingLive = new ArrayList<>();
    private State state;
    private long nextOffset;
    /** The generation's events so far end in an end event (no RolledBack after it). */
    private boolean ended;
    private Runnable onClose = () -> { };
    /** {@code view=files}: what this client was sent of each file, to turn diffs into whole files. */
    private final FileSnapshots snapshots;

    /** The most characters of files one {@code view=files} client makes the gateway hold. */
    static final long SNAPSHOT_MAX_CHARS = 4L << 20;

    Subscription(String generationId, EventFilter filter, ClientQueue queue, EventSink sink, GatewayMetrics metrics,
            boolean live) {
        this.generationId = generationId;
        this.filter = filter;
        this.queue = queue;
        this.sink = sink;
        this.metrics = metrics;
        this.state = live ? State.LIVE : State.CATCHING_UP;
        this.snapshots = filter.view() == EventFilter.View.FILES ? new FileSnapshots(SNAPSHOT_MAX_CHARS) : null;
        metrics.connected();
    }

    /** The generation followed, or null for the firehose of all generations. */
    public String generationId() {
        return generationId;
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Delivers records from {@code offset} on; earlier ones are duplicates. */
    synchronized void startAt(long offset) {
        nextOffset = offset;
    }

    /** A record from the shared live consumer. */
    public void onLive(HubRecord record) {
        boolean overflow = false;
        synchronized (this) {
            if (state == State.CATCHING_UP) {
                waitingLive.add(record);
                overflow = waitingLive.size() > MAX_WAITING_LIVE;
            } else if (state == State.LIVE) {
                overflow = !deliver(record, false);
            }
        }
        after(overflow);
    }

    /** A record read from history for this client. */
    void onHistory(HubRecord record) {
        boolean overflow;
        synchronized (this) {
            overflow = state != State.ENDED && !deliver(record, true);
        }
        after(overflow);
    }

    /** History is done: the live records that waited go out, then live ones as they come. */
    void goLive() {
        boolean overflow = false;
        synchronized (this) {
            if (state == State.CATCHING_UP) {
                state = State.LIVE;
                for (HubRecord record : waitingLive) {
                    if (state != State.LIVE || !deliver(record, false)) {
                        overflow = state == State.LIVE;
                        break;
                    }
                }
                waitingLive.clear();
                if (state == State.LIVE && ended && generationId != null) {
                    state = State.ENDED; // history ended in an end: nothing more will come
                    overflow = queue.offer(Outbound.end()) == null;
                }
            }
        }
        after(overflow);
    }

    /** A gateway-made item (checkpoint files, notices, keep-alive comments). */
    void enqueue(Outbound item) {
        after(queue.offer(item) == null);
    }

    /** A keep-alive comment when nothing else is waiting. */
    void keepAlive() {
        if (!closed.get() && queue.isEmpty() && !sending.get()) {
            enqueue(Outbound.comment("keep-alive"));
        }
    }

    public boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    public int queued() {
        return queue.size();
    }

    public int maxQueued() {
        return queue.maxDepth();
    }

    public void close() {
        if (closed.compareAndSet(false, true)) {
            metrics.disconnected();
            synchronized (this) {
                state = State.ENDED;
                waitingLive.clear();
            }
            onClose.run();
            sink.close();
        }
    }

    /**
     * Called with the lock held; false when the client's queue overflowed. An end read from
     * {@code history} does not end the stream: a rollback may follow it (see {@link #goLive}).
     */
    private boolean deliver(HubRecord record, boolean history) {
        if (generationId != null) {
            if (!generationId.equals(record.generationId()) || record.position().offset() < nextOffset) {
                return true;
            }
            nextOffset = record.position().offset() + 1;
            ended = record.terminal() || ended && !(record.event().getPayload() instanceof RolledBack);
        }
        if (!filter.accepts(record)) {
            return true;
        }
        Outbound item = snapshots != null && record.event().getPayload() instanceof io.streamgen.schema.event.FileChanged
                ? snapshots.snapshot(record) : Outbound.of(record);
        if (snapshots != null && record.terminal() && generationId == null) {
            snapshots.ended(record); // one generation of the firehose is over
        }
        if (record.terminal() && generationId != null) {
            if (history) {
                item = item.ongoing();
            } else {
                state = State.ENDED;
            }
        }
        ClientQueue.Coalesced done = queue.offer(item);
        if (done == null) {
            return false;
        }
        if (done.folded() > 0) {
            metrics.coalesced(done);
        }
        return true;
    }

    private void after(boolean overflow) {
        if (overflow) {
            LOG.debugf("a client of %s fell too far behind; closing it (it resumes with Last-Event-ID)", generationId);
            metrics.droppedClient();
            close();
            return;
        }
        drain();
    }

    private void drain() {
        while (!closed.get() && sending.compareAndSet(false, true)) {
            Outbound next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            CompletableFuture<Void> written;
            try {
                written = sink.send(next).toCompletableFuture();
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
            if (written.isDone()) {
                if (!afterSend(next, written)) {
                    return;
                }
                continue;
            }
            CompletableFuture<Void> pending = written;
            pending.whenComplete((ok, error) -> {
                if (afterSend(next, pending)) {
                    drain();
                }
            });
            return;
        }
    }

    /** Records the send; false when the subscription is over. */
    private boolean afterSend(Outbound item, CompletableFuture<Void> written) {
        if (written.isCompletedExceptionally()) {
            sending.set(false);
            close();
            return false;
        }
        metrics.sent(item, System.currentTimeMillis());
        sending.set(false);
        if (item.terminal() && generationId != null) {
            close();
            return false;
        }
        return true;
    }
}
