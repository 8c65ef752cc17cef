package io.streamgen.gateway.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal SSE client for tests: collects events on a thread of its own until the stream ends. */
public final class SseReader implements AutoCloseable {

    /** One parsed event. */
    public record Event(String id, String type, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger status = new AtomicInteger();
    private volatile String retry;
    private volatile String error;

    public String error() {
        return error;
    }
    private final Thread thread;
    private volatile java.io.InputStream body;

    private SseReader(URI uri, Map<String, String> headers) {
        thread = new Thread(() -> read(uri, headers), "sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public static SseReader open(String url) {
        return new SseReader(URI.create(url), Map.of());
    }

    public static SseReader open(String url, Map<String, String> headers) {
        return new SseReader(URI.create(url), headers);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public boolean ended() {
        return ended.get();
    }

    public int status() {
        return status.get();
    }

    public String retry() {
        return retry;
    }

    private void read(URI uri, Map<String, String> headers) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            HttpResponse<java.io.InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status.set(response.statusCode());
            body = response.body();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String type = null;
                StringBuilder data = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Event(id, type, data.toString()));
                        }
                        id = null;
                        type = null;
                        data = null;
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1).trim());
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).trim();
                    } else if (line.startsWith("retry:")) {
                        retry = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        String part = line.substring(5);
                        part = part.startsWith(" ") ? part.substring(1) : part;
                        data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                    }
                }
            }
        } catch (Exception e) {
            error = e.toString();
        } finally {
            ended.set(true);
        }
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (Exception e) {
            // already closed
        }
        thread.interrupt();
    }
}
