package io.streamgen.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for the coordinator's interactive queries on a loopback port: generation
 * {@link #GENERATION} with three files and one checkpoint, and the checkpoints a test adds
 * ({@link #checkpoint}); anything else is a 404 problem. It
 * listens where the test profile points the REST client ({@code %test.quarkus.rest-client.coordinator.url}).
 */
public final class CoordinatorStub implements AutoCloseable {

    public static final String GENERATION = "stub-generation";
    public static final Map<String, String> FILES = Map.of("public/index.html",
            "<!doctype html><title>todo</title><script type=\"module\" src=\"app.js\"></script>",
            "public/app.js", "document.title = 'todo app';\n", "server.js", "import http from 'node:http';\n");

    private HttpServer server;
    /** When set, every query must carry {@code Authorization: Bearer <secret>} (the coordinator's API secret). */
    private volatile String secret;
    /** Generations added by tests: id → checkpoint number → path → content (version: the checkpoint number). */
    private final Map<String, Map<Integer, Map<String, String>>> checkpoints = new java.util.concurrent.ConcurrentHashMap<>();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Answers for one more generation: its checkpoint {@code n} holds {@code files} (each at version
     * {@code n} unless unchanged since an earlier checkpoint); its files are those of its last checkpoint.
     */
    public CoordinatorStub checkpoint(String generationId, int n, Map<String, String> files) {
        checkpoints.computeIfAbsent(generationId, g -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(n, Map.copyOf(files));
        return this;
    }

    public static CoordinatorStub start(int port) {
        CoordinatorStub stub = new CoordinatorStub();
        try {
            stub.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
        stub.server.createContext("/generations/", stub::answer);
        stub.server.start();
        return stub;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers 401 to queries without {@code Authorization: Bearer secret}, as a coordinator with an API secret does. */
    public CoordinatorStub requireSecret(String secret) {
        this.secret = secret;
        return this;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String required = secret;
        if (required != null && !("Bearer " + required).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/problem+json", "{\"status\":401,\"detail\":\"the coordinator's API secret is required\"}");
            return;
        }
        String path = exchange.getRequestURI().getRawPath().substring("/generations/".length());
        int slash = path.indexOf('/');
        Map<Integer, Map<String, String>> added = checkpoints.get(slash < 0 ? path : path.substring(0, slash));
        if (added != null) {
            answerAdded(exchange, added, slash < 0 ? "" : path.substring(slash));
            return;
        }
        String prefix = GENERATION;
        if (!path.startsWith(prefix)) {
            send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no generation\"}");
            return;
        }
        String rest = path.substring(prefix.length());
        switch (rest) {
            case "" -> send(exchange, 200, "application/json", "{\"generationId\":\"" + GENERATION
                    + "\",\"status\":\"RUNNING\",\"phase\":\"FEATURES\",\"progress\":0.5,\"tasks\":[]}");
            case "/files" -> send(exchange, 200, "application/json", "[" + String.join(",", FILES.keySet().stream()
                    .sorted().map(p -> "{\"path\":\"" + p + "\",\"version\":1}").toList()) + "]");
            case "/analytics" -> send(exchange, 200, "application/json", "{\"usage\":[{\"role\":\"UI\","
                    + "\"model\":\"template\",\"tokens\":120,\"chunks\":9,\"promptTokens\":0,\"estimatedCost\":0.0}],"
                    + "\"phaseMillis\":{\"SKELETON\":1500},\"totalMillis\":1600}");
            case "/checkpoints" -> send(exchange, 200, "application/json",
                    "[{\"checkpointId\":1,\"phase\":\"SKELETON\",\"label\":\"after SKELETON\",\"files\":[\"server.js\"]}]");
            default -> {
                if (rest.startsWith("/files/")) {
                    String file = java.net.URLDecoder.decode(rest.substring("/files/".length()), StandardCharsets.UTF_8);
                    String content = FILES.get(file);
                    if (content != null) {
                        send(exchange, 200, "text/plain;charset=UTF-8", content);
                        return;
                    }
                }
                send(exchange, 404, "application/problem+json", "{\"status\":404}");
            }
        }
    }

    private void answerAdded(HttpExchange exchange, Map<Integer, Map<String, String>> added, String rest)
            throws IOException {
        java.util.List<Object> list = new java.util.ArrayList<>();
        added.forEach((n, files) -> list.add(Map.of("checkpointId", n, "phase", "SKELETON", "label", "checkpoint " + n,
                "createdAt", "2026-12-01T10:00:00Z", "files", new java.util.TreeSet<>(files.keySet()))));
        if (rest.equals("/checkpoints")) {
            send(exchange, 200, "application/json", JSON.writeValueAsString(list));
            return;
        }
        if (rest.startsWith("/checkpoints/")) {
            Map<String, String> files = null;
            int n = -1;
            try {
                n = Integer.parseInt(rest.substring("/checkpoints/".length()));
                files = added.get(n);
            } catch (NumberFormatException e) {
                // not a checkpoint number
            }
            if (files != null) {
                Map<String, Object> view = new java.util.TreeMap<>();
                for (var file : files.entrySet()) {
                    view.put(file.getKey(), Map.of("content", file.getValue(), "version", version(added, file.getKey(), n),
                            "sha256", TestEvents.sha256(file.getValue())));
                }
                send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("checkpointId", n,
                        "phase", "SKELETON", "label", "checkpoint " + n, "createdAt", "2026-12-01T10:00:00Z", "files", view)));
                return;
            }
        }
        send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no such checkpoint\"}");
    }

    /** The checkpoint since which a file has had its content at checkpoint {@code n}. */
    private static int version(Map<Integer, Map<String, String>> added, String path, int n) {
        int version = n;
        String content = added.get(n).get(path);
        for (int earlier = n - 1; earlier >= 1 && added.containsKey(earlier)
                && content.equals(added.get(earlier).get(path)); earlier--) {
            version = earlier;
        }
        return version;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
