package io.streamgen.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One client of a generation's Server-Sent Events ({@code GET /api/generations/{id}/events}) on
 * the JDK's HttpClient, on its own thread: it counts what it receives (events, draft chunks and
 * their tokens, coalesced snapshots, {@code lagged} notices), notes when the first event, the first
 * draft and the end arrived, and records each draft's latency from its agent's {@code producedAt}
 * into a {@link LatencyWindow} (both ends on this machine's clock). A stream that ends before the
 * generation's end event (the gateway closes a client that fell too far behind) is resumed with
 * {@code Last-Event-ID}, as an EventSource does, and counted.
 */
final class SseReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESUMES = 100;

    private final HttpClient http;
    private final URI url;
    private final String generationId;
    private final LatencyWindow latencies;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile InputStream body;
    private volatile Thread thread;
    private volatile boolean closing;

    private volatile long events;
    private volatile long drafts;
    private volatile long tokens;
    private volatile long snapshots;
    private volatile long lagged;
    private volatile long stoodFor;
    private volatile int resumes;
    private volatile String lastId;
    private volatile long openedNanos;
    private volatile long firstEventNanos;
    private volatile long firstDraftNanos;
    private volatile long lastEventNanos;
    private volatile String endType;
    private volatile String error;

    /** @param latencies where draft latencies go; null records none */
    SseReader(HttpClient http, URI gateway, String generationId, LatencyWindow latencies) {
        this.http = http;
        this.url = gateway.resolve("/api/generations/" + generationId + "/events");
        this.generationId = generationId;
        this.latencies = latencies;
    }

    String generationId() {
        return generationId;
    }

    /** Connects and reads in the background until the end event, {@link #close} or an error. */
    SseReader start() {
        Thread t = new Thread(this::read, "sse-" + generationId);
        t.setDaemon(true);
        thread = t;
        openedNanos = System.nanoTime();
        t.start();
        return this;
    }

    /** True once the gateway said "connected" (its first comment: the subscription is live). */
    boolean awaitConnected(Deadline deadline) throws InterruptedException {
        return connected.await(deadline.millisLeft(), TimeUnit.MILLISECONDS) && error == null;
    }

    /** True when the stream reached its end event before the deadline. */
    boolean awaitEnd(Deadline deadline) throws InterruptedException {
        return finished.await(deadline.millisLeft(), TimeUnit.MILLISECONDS) && endType != null;
    }

    void close() {
        closing = true;
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void read() {
        try {
            while (endType == null && !closing && error == null && resumes <= MAX_RESUMES) {
                try {
                    connectAndRead();
                } catch (IOException e) {
                    if (closing || endType != null) {
                        return;
                    }
                    if (lastId == null) {
                        error = e.toString();
                    }
                    // else: resumed from lastId by the next round
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connected.countDown();
            finished.countDown();
        }
    }

    private void connectAndRead() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET();
        if (lastId != null) {
            request.header("Last-Event-ID", lastId);
            resumes++;
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        body = response.body();
        if (response.statusCode() != 200) {
            error = "answered " + response.statusCode();
            body.close();
            return;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
            readEvents(lines);
        }
        if (lastId == null && endType == null && !closing) {
            error = "the stream ended before its first event";
        }
    }

    private void readEvents(BufferedReader lines) throws IOException {
        String type = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (type != null || data.length() > 0) {
                    if (id != null) {
                        lastId = id;
                    }
                    if (onEvent(type, data.toString(), System.nanoTime(), Instant.now())) {
                        return;
                    }
                }
                type = null;
                id = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                if (line.contains("connected")) {
                    connected.countDown();
                }
            } else if (line.startsWith("id:")) {
                id = value(line);
            } else if (line.startsWith("event:")) {
                type = value(line);
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(value(line));
            }
        }
    }

    /** One event; true when it ends the generation. */
    private boolean onEvent(String type, String data, long nanos, Instant now) throws IOException {
        if ("lagged".equals(type)) {
            lagged++;
            return false;
        }
        if (firstEventNanos == 0) {
            firstEventNanos = nanos;
        }
        lastEventNanos = nanos;
        events++;
        if (data.contains("\"snapshot\":true")) {
            stoodFor += JSON.readTree(data).path("coalesced").asLong(1);
        } else {
            stoodFor++;
        }
        if ("draft-chunk".equals(type)) {
            if (firstDraftNanos == 0) {
                firstDraftNanos = nanos;
            }
            drafts++;
            JsonNode body = JSON.readTree(data);
            JsonNode payload = body.path("payload");
            tokens += payload.path("tokenCount").asLong(0);
            if (body.path("snapshot").asBoolean(false)) {
                snapshots++;
            }
            String producedAt = payload.path("producedAt").asText("");
            if (latencies != null && !producedAt.isEmpty()) {
                Instant produced = Instant.parse(producedAt);
                latencies.record((now.getEpochSecond() - produced.getEpochSecond()) * 1_000_000
                        + (now.getNano() - produced.getNano()) / 1_000);
            }
        }
        if ("generation-completed".equals(type) || "generation-failed".equals(type)) {
            endType = type;
            return true;
        }
        return false;
    }

    private static String value(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    /** What this client received so far. */
    SseTally tally() {
        return new SseTally(generationId, events, drafts, tokens, snapshots, lagged, stoodFor, resumes, openedNanos,
                firstEventNanos, firstDraftNanos, lastEventNanos, endType, error);
    }

    /**
     * What one client received; times are System.nanoTime (0 = not yet).
     *
     * @param snapshots draft events that stood for several (a client that fell behind: their token counts are the last one's)
     * @param stoodFor  the topic's events the received ones stand for (a coalesced snapshot for several)
     * @param resumes   connections made again with Last-Event-ID after the stream ended early
     */
    record SseTally(String generationId, long events, long drafts, long tokens, long snapshots, long lagged,
            long stoodFor, int resumes, long openedNanos, long firstEventNanos, long firstDraftNanos, long lastEventNanos, String endType,
            String error) {

        boolean completed() {
            return "generation-completed".equals(endType);
        }
    }
}
