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
 * {@link #GENERATION} with three files and one checkpoint; anything else is a 404 problem. It
 * listens where the test profile points the REST client ({@code %test.quarkus.rest-client.coordinator.url}).
 */
public final class CoordinatorStub implements AutoCloseable {

    public static final String GENERATION = "stub-generation";
    public static final Map<String, String> FILES = Map.of("public/index.html",
            "<!doctype html><title>todo</title><script type=\"module\" src=\"app.js\"></script>",
            "public/app.js", "document.title = 'todo app';\n", "server.js", "import http from 'node:http';\n");

    private HttpServer server;

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

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring("/generations/".length());
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

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
