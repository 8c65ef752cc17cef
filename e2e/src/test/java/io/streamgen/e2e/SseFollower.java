package io.streamgen.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * An EventSource-like client of the gateway's {@code /api/generations/{id}/events}: it reads the
 * stream and, whenever the connection ends before the generation's end event (a gateway killed,
 * restarting), connects again with {@code Last-Event-ID} set to the last id it saw, until the end
 * event or its deadline. What it saw, in order, is then compared with an uninterrupted read.
 */
final class SseFollower {

    /** One SSE event: its id, its event name and its data. */
    record SseEvent(String id, String type, String data) {
    }

    private static final List<String> ENDS = List.of("generation-completed", "generation-failed");

    /** The stream's URL on each gateway; a resumption goes to the next, as behind a load balancer. */
    private final List<URI> urls;
    private final Duration timeout;
    private final java.util.Set<URI> used = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private volatile int resumes;
    private volatile int connects;
    private volatile int connectsTried;
    private volatile boolean ended;
    private volatile String lastError;
    private Thread thread;

    SseFollower(URI gateway, String generationId, Duration timeout) {
        this(List.of(gateway), generationId, timeout);
    }

    SseFollower(List<URI> gateways, String generationId, Duration timeout) {
        this.urls = gateways.stream().map(g -> URI.create(g + "/api/generations/" + generationId + "/events")).toList();
        this.timeout = timeout;
    }

    /** Follows in the background, resuming as needed. */
    SseFollower start() {
        thread = new Thread(this::follow, "sse-" + urls.get(0).getPath());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Reads the whole stream once, from the start, without resuming: the reference read. */
    static List<SseEvent> readOnce(URI gateway, String generationId, Duration timeout) throws IOException, InterruptedException {
        SseFollower once = new SseFollower(gateway, generationId, timeout);
        once.connectAndRead(null, System.nanoTime() + timeout.toNanos());
        if (!once.ended) {
            throw new IOException("the stream of " + generationId + " ended before its end event, after "
                    + once.events.size() + " events");
        }
        return List.copyOf(once.events);
    }

    private void follow() {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 200;
        while (!ended && System.nanoTime() < deadline) {
            String last = events.isEmpty() ? null : events.get(events.size() - 1).id();
            try {
                if (connectAndRead(last, deadline)) {
                    backoff = 200;
                }
            } catch (IOException e) {
                lastError = e.toString();
            } catch (InterruptedException e) {
                return;
            }
            if (!ended) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = Math.min(backoff * 2, 1_000);
            }
        }
    }

    /** One connection; true when it was answered 200. */
    private boolean connectAndRead(String lastEventId, long deadline) throws IOException, InterruptedException {
        URI url = urls.get(connectsTried++ % urls.size());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            lastError = "answered " + response.statusCode();
            return false;
        }
        connects++;
        used.add(url);
        if (lastEventId != null) {
            resumes++;
        }
        String id = null;
        String type = null;
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && System.nanoTime() < deadline) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty() || type != null) {
                        events.add(new SseEvent(id, type, String.join("\n", data)));
                        if (ENDS.contains(type)) {
                            ended = true;
                            return true;
                        }
                    }
                    id = null;
                    type = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    continue; // a comment: keep-alive
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    type = value(line);
                } else if (line.startsWith("data:")) {
                    data.add(value(line));
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return true;
    }

    private static String value(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    List<SseEvent> events() {
        return List.copyOf(events);
    }

    boolean ended() {
        return ended;
    }

    /** Connections made with a Last-Event-ID (resumptions after a break). */
    int resumes() {
        return resumes;
    }

    /** How many of the gateways this client read from. */
    int gatewaysUsed() {
        return used.size();
    }

    int connects() {
        return connects;
    }

    String lastError() {
        return lastError;
    }

    void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
