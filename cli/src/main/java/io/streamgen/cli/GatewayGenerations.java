package io.streamgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamgen.schema.Blueprint;
import io.streamgen.schema.GenerationRequested;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Talks to streamgen through the gateway, as a browser does: {@code POST /api/generations}, the
 * generation's Server-Sent Events (reconnecting with {@code Last-Event-ID} if the stream drops),
 * and the files as {@code archive.zip}.
 */
public final class GatewayGenerations {

    /** One SSE event: its id, kebab-case type and JSON (see docs/events.md). */
    public record SseEvent(String id, String type, JsonNode json) {
        public boolean ends() {
            return type.equals("generation-completed") || type.equals("generation-failed");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECONNECTS = 5;

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayGenerations(URI gateway) {
        this.gateway = gateway;
    }

    /** Submits the request; returns the generation id the gateway answered with. */
    public String submit(GenerationRequested request) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("generationId", request.getGenerationId());
        body.put("prompt", request.getPrompt());
        body.put("mergeStrategy", request.getMergeStrategy().name());
        body.put("requestedBy", request.getRequestedBy());
        body.set("flags", JSON.readTree(request.getFlags().toString()));
        Blueprint blueprint = request.getBlueprint();
        if (blueprint != null) {
            body.set("blueprint", JSON.readTree(blueprint.toString()));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/api/generations"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("the gateway refused the request (" + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body()).path("generationId").asText(request.getGenerationId());
    }

    /** Follows the generation's events until its end or {@code timeout}; returns the last one. */
    public SseEvent follow(String generationId, Duration timeout, Consumer<SseEvent> onEvent)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SseEvent last = null;
        for (int attempt = 0; attempt <= RECONNECTS && System.nanoTime() < deadline; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/api/generations/" + generationId + "/events"))
                    .header("Accept", "text/event-stream").timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (last != null) {
                request.header("Last-Event-ID", last.id());
            }
            HttpResponse<Stream<String>> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            } catch (IOException dropped) {
                Thread.sleep(500);
                continue;
            }
            if (response.statusCode() == 204) {
                return last; // nothing after the last event: the generation had ended
            }
            if (response.statusCode() != 200) {
                throw new IOException("the gateway answered " + response.statusCode() + " for the events of " + generationId);
            }
            try (Stream<String> lines = response.body()) {
                for (SseEvent event : (Iterable<SseEvent>) () -> events(lines.iterator())) {
                    last = event.id() == null ? last : event;
                    onEvent.accept(event);
                    if (event.ends()) {
                        return event;
                    }
                }
            } catch (java.io.UncheckedIOException dropped) {
                // the stream broke: reconnect after the last event seen
            }
        }
        return last;
    }

    /** Writes the generation's files (its archive.zip) under {@code out}; returns their paths. */
    public List<String> writeFiles(String generationId, Path out) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                gateway.resolve("/api/generations/" + generationId + "/archive.zip")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("archive.zip answered " + response.statusCode());
        }
        Path root = out.toAbsolutePath().normalize();
        List<String> paths = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(response.body())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("refusing to write outside " + root + ": " + entry.getName());
                }
                if (!entry.isDirectory()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    paths.add(entry.getName());
                }
            }
        }
        return paths;
    }

    /** SSE framing: fields until a blank line make one event; comments and retry lines are skipped. */
    static Iterator<SseEvent> events(Iterator<String> lines) {
        return new Iterator<>() {
            private SseEvent next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                String id = null;
                String type = "message";
                StringBuilder data = new StringBuilder();
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            try {
                                next = new SseEvent(id, type, JSON.readTree(data.toString()));
                            } catch (IOException e) {
                                next = new SseEvent(id, type, JSON.getNodeFactory().textNode(data.toString()));
                            }
                            return true;
                        }
                        id = null;
                        type = "message";
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                    }
                }
                return false;
            }

            @Override
            public SseEvent next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                SseEvent event = next;
                next = null;
                return event;
            }
        };
    }
}
