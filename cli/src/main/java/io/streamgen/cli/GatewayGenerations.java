package io.streamgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamgen.schema.Blueprint;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.MergeStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Talks to streamgen through the gateway, as a browser does: {@code POST /api/generations}, the
 * generation's Server-Sent Events (reconnecting with backoff and {@code Last-Event-ID} while the
 * gateway is gone, until the caller's timeout),
 * interventions, and the files as {@code archive.zip}. With a token, every call carries it as a
 * bearer token (the gateway's auth, when turned on).
 */
public final class GatewayGenerations implements Generations {

    private static final ObjectMapper JSON = StreamedEvent.JSON;
    /** How many files the gateway's archive.zip left out (the gateway's StateResource.SKIPPED_HEADER). */
    private static final String SKIPPED_BY_GATEWAY = "Streamgen-Skipped-Files";
    /** Answers of a gateway (or the proxy before it) that is restarting: worth waiting out. */
    private static final java.util.Set<Integer> RESTARTING = java.util.Set.of(502, 503, 504);

    private final URI gateway;
    private final String token;
    private final PrintStream notices;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayGenerations(URI gateway) {
        this(gateway, null);
    }

    public GatewayGenerations(URI gateway, String token) {
        this(gateway, token, System.err);
    }

    /** {@code notices}: where a lost and resumed stream is said (stderr: stdout may be --json). */
    public GatewayGenerations(URI gateway, String token, PrintStream notices) {
        this.gateway = gateway;
        this.token = token == null || token.isBlank() ? null : token;
        this.notices = notices;
    }

    private HttpRequest.Builder call(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Submits the request; returns the generation id the gateway answered with. */
    @Override
    public String submit(GenerationRequested request) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("generationId", request.getGenerationId());
        body.put("prompt", request.getPrompt());
        body.put("mergeStrategy", request.getMergeStrategy().name());
        body.put("requestedBy", request.getRequestedBy());
        body.put("cache", request.getCache());
        body.set("flags", JSON.readTree(request.getFlags().toString()));
        Blueprint blueprint = request.getBlueprint();
        if (blueprint != null) {
            body.set("blueprint", JSON.readTree(blueprint.toString()));
        }
        HttpResponse<String> response = post("/api/generations", body);
        return JSON.readTree(response.body()).path("generationId").asText(request.getGenerationId());
    }

    /**
     * {@code POST /api/generations/{id}/rederive}: the finished generation's recorded chunks run
     * again as a new generation, with {@code strategy} (null: the source's); returns the new id. A
     * refusal is said with the problem's detail: an unknown generation (404) and one still running
     * (409) as errors, a bad request (400) as a usage error.
     */
    public String rederive(String generationId, MergeStrategy strategy) throws IOException, InterruptedException {
        return rederive(generationId, strategy, null);
    }

    /** As {@link #rederive(String, MergeStrategy)}, starting from the source's checkpoint {@code fromCheckpoint} when given. */
    public String rederive(String generationId, MergeStrategy strategy, Integer fromCheckpoint)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        if (strategy != null) {
            body.put("mergeStrategy", strategy.name());
        }
        if (fromCheckpoint != null) {
            body.put("fromCheckpoint", fromCheckpoint);
        }
        String path = "/api/generations/" + generationId + "/rederive";
        HttpResponse<String> response = send(call(path).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
            String id = JSON.readTree(response.body()).path("generationId").asText("");
            if (id.isEmpty()) {
                throw new IOException("the gateway accepted the re-derivation of " + generationId + " without a new id");
            }
            return id;
        }
        GatewayProblem problem = GatewayProblem.of(response.statusCode(), response.body());
        if (response.statusCode() == 400) {
            throw new UsageException("cannot re-derive " + generationId + ": " + problem.say());
        }
        throw switch (response.statusCode()) {
            case 404 -> new IOException("no generation " + generationId + " to re-derive: " + problem.say());
            case 409 -> new IOException("generation " + generationId + " cannot be re-derived now: " + problem.say());
            default -> new IOException("the gateway refused to re-derive " + generationId + " ("
                    + response.statusCode() + "): " + problem.say());
        };
    }

    @Override
    public String intervene(Intervention intervention) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("action", intervention.getAction().name());
        if (intervention.getRole() != null) {
            body.put("role", intervention.getRole().name());
        }
        body.put("text", intervention.getText());
        body.put("path", intervention.getPath());
        body.put("region", intervention.getRegion());
        if (intervention.getCheckpointId() != null) {
            body.put("checkpointId", intervention.getCheckpointId());
        }
        HttpResponse<String> response = post("/api/generations/" + intervention.getGenerationId() + "/interventions", body);
        return JSON.readTree(response.body()).path("interventionId").asText(intervention.getInterventionId());
    }

    private HttpResponse<String> post(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(call(path).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("the gateway refused " + path + " (" + response.statusCode() + "): " + problem(response.body()));
        }
        return response;
    }

    /** A problem-details answer's title and detail; the body as it is otherwise. */
    private static String problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.has("detail") || problem.has("title")) {
                return problem.path("title").asText("") + (problem.has("detail") ? ": " + problem.path("detail").asText() : "");
            }
        } catch (IOException notJson) {
            // as it is
        }
        return body;
    }

    @Override
    public StreamedEvent follow(String generationId, FollowFrom from, Duration timeout, Consumer<StreamedEvent> onEvent)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if ((from instanceof FollowFrom.Beginning || from instanceof FollowFrom.Checkpoint || from instanceof FollowFrom.After)
                && !known(generationId)) {
            return null; // the gateway would wait for its first event: there is none to replay
        }
        String query = from instanceof FollowFrom.Checkpoint checkpoint ? "?fromCheckpoint=" + checkpoint.n() : "";
        String resumeAfter = from instanceof FollowFrom.After after ? after.eventId() : null;
        StreamedEvent last = null;
        StreamedEvent end = null; // the latest end, unless a rollback came after it
        boolean gateOpen = !(from instanceof FollowFrom.AfterIntervention);
        ReconnectBackoff backoff = new ReconnectBackoff(Math::random);
        StreamOutage outage = new StreamOutage(notices);
        boolean reached = false;
        while (System.nanoTime() < deadline) {
            HttpRequest.Builder request = call("/api/generations/" + generationId + "/events" + (resumeAfter == null ? query : ""))
                    .header("Accept", "text/event-stream").timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (resumeAfter != null) {
                request.header("Last-Event-ID", resumeAfter);
            }
            HttpResponse<Stream<String>> response;
            try {
                response = send(request.build(), HttpResponse.BodyHandlers.ofLines());
            } catch (IOException unreachable) {
                if (!reached) {
                    throw unreachable; // never there (a wrong address, a stack that is down): said at once
                }
                // a restarting gateway: ride it out until our own timeout
                outage.lost(unreachable.getMessage(), deadline);
                pause(backoff, deadline);
                continue;
            }
            if (reached && RESTARTING.contains(response.statusCode())) {
                response.body().close(); // a proxy's or a starting gateway's answer: it comes back
                outage.lost("the gateway answered " + response.statusCode(), deadline);
                pause(backoff, deadline);
                continue;
            }
            reached = true;
            if (response.statusCode() == 204) {
                outage.resumed(resumeAfter);
                if (!gateOpen) {
                    resumeAfter = null; // ended before the intervention was applied: read it all again
                    Thread.sleep(500);
                    continue;
                }
                return end != null ? end : last; // nothing after the last event: the generation had ended
            }
            if (response.statusCode() != 200) {
                String body;
                try (Stream<String> lines = response.body()) {
                    body = String.join("\n", lines.toList());
                }
                throw new IOException("the gateway answered " + response.statusCode() + " for the events of "
                        + generationId + ": " + problem(body));
            }
            outage.resumed(resumeAfter);
            try (Stream<String> lines = response.body()) {
                for (StreamedEvent event : (Iterable<StreamedEvent>) () -> events(lines.iterator(), deadline,
                        backoff::serverRetry)) {
                    backoff.reset();
                    if (event.id() != null) {
                        resumeAfter = event.id();
                    }
                    end = event.ends() ? event : event.type().equals("rolled-back") ? null : end;
                    if (!gateOpen && from instanceof FollowFrom.AfterIntervention after
                            && event.type().equals("intervention-applied")
                            && after.interventionId().equals(event.payload().path("interventionId").asText())) {
                        gateOpen = true;
                        if (event.payload().path("accepted").asBoolean() && event.payload().path("action").asText().equals("ROLLBACK")) {
                            end = null; // an accepted rollback: it runs again, whatever ended before
                        }
                    }
                    if (gateOpen) {
                        last = event.id() != null ? event : last;
                        onEvent.accept(event);
                    }
                }
                // the gateway closes the stream after the generation's end (the last one, on a replay)
                if (end != null && gateOpen) {
                    return end;
                }
                if (!gateOpen && end != null) {
                    // it had ended before the intervention was applied: read it all again, its events
                    // (applied, refused or a rollback's) come after that end
                    resumeAfter = null;
                    Thread.sleep(500);
                } else if (end == null) {
                    // closed before any end: the stream broke (a gateway going down, or this client fell behind)
                    outage.lost("the stream closed before the generation's end", deadline);
                    pause(backoff, deadline);
                }
            } catch (java.io.UncheckedIOException dropped) {
                outage.lost(dropped.getCause() == null ? dropped.getMessage() : dropped.getCause().getMessage(), deadline);
                pause(backoff, deadline);
            }
        }
        outage.timedOut(timeout);
        return last;
    }

    /** Waits the backoff's next delay, never past the deadline. */
    private static void pause(ReconnectBackoff backoff, long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Math.min(backoff.next().toMillis(), java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
    }

    /** Sends; a gateway that does not answer is said in words, not as a bare ConnectException. */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        try {
            return http.send(request, body);
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            throw new IOException("cannot connect to the gateway at " + gateway
                    + " (is streamgen up? `./streamgen status`; or give --gateway URL)", e);
        }
    }

    /** Writes the generation's files (its archive.zip) under {@code out}; returns their paths. */
    @Override
    public List<String> writeFiles(String generationId, Path out) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send(call("/api/generations/" + generationId + "/archive.zip")
                .timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("archive.zip answered " + response.statusCode());
        }
        OutputFolder folder = new OutputFolder(out, notices);
        try (ZipInputStream zip = new ZipInputStream(response.body())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                // the archive holds the files under a folder named after the generation: `out` is that folder
                String name = entry.getName().startsWith(generationId + "/")
                        ? entry.getName().substring(generationId.length() + 1) : entry.getName();
                folder.write(name, zip);
            }
        }
        response.headers().firstValueAsLong(SKIPPED_BY_GATEWAY).ifPresent(n -> {
            if (n > 0) {
                notices.println("the gateway left " + n + (n == 1 ? " file" : " files")
                        + " with a refused name out of the archive (its log names them)");
            }
        });
        return folder.written();
    }

    /** Whether the coordinator knows the generation (only a 404 says it does not). */
    private boolean known(String generationId) throws IOException, InterruptedException {
        return send(call("/api/generations/" + generationId).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 404;
    }

    static Iterator<StreamedEvent> events(Iterator<String> lines) {
        return events(lines, Long.MAX_VALUE);
    }

    /**
     * SSE framing: fields until a blank line make one event; comments are skipped.
     * Ends at the first line read after {@code deadline} (System.nanoTime): the gateway's keep-alive
     * comments make sure one comes, however quiet the generation.
     */
    static Iterator<StreamedEvent> events(Iterator<String> lines, long deadline) {
        return events(lines, deadline, retry -> { });
    }

    /** As {@link #events(Iterator, long)}, handing each {@code retry:} field (ms) to {@code onRetry}. */
    static Iterator<StreamedEvent> events(Iterator<String> lines, long deadline, java.util.function.LongConsumer onRetry) {
        return new Iterator<>() {
            private StreamedEvent next;

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
                    if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                        return false;
                    }
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            try {
                                next = new StreamedEvent(id, type, JSON.readTree(data.toString()));
                            } catch (IOException e) {
                                next = new StreamedEvent(id, type, JSON.getNodeFactory().textNode(data.toString()));
                            }
                            return true;
                        }
                        id = null;
                        type = "message";
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).trim();
                    } else if (line.startsWith("retry:")) {
                        try {
                            onRetry.accept(Long.parseLong(line.substring(6).trim()));
                        } catch (NumberFormatException ignored) {
                            // the SSE spec: a retry field that is not all digits is ignored
                        }
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                    }
                }
                return false;
            }

            @Override
            public StreamedEvent next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                StreamedEvent event = next;
                next = null;
                return event;
            }
        };
    }
}
