package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A gateway that goes away mid-stream and comes back on the same port: the CLI rides it out. */
class GatewayReconnectTest {

    private static final String EVENTS = "/api/generations/g1/events";

    private final ByteArrayOutputStream notices = new ByteArrayOutputStream();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void givenTheGatewayRestartsMidStream_whenFollowing_thenItReconnectsAfterTheLastEventAndSaysWhatHappened()
            throws Exception {
        int port = freePort();
        AtomicInteger firstGatewayCalls = new AtomicInteger();
        HttpServer first = gateway(port, exchange -> {
            if (firstGatewayCalls.incrementAndGet() > 1) {
                respond(exchange, 503, ""); // going down
                return;
            }
            respond(exchange, 200, "retry: 200\n\n" + event("0-1", "phase-changed") + event("0-2", "phase-changed"));
        });
        AtomicReference<String> resumedFrom = new AtomicReference<>();
        GatewayGenerations cli = new GatewayGenerations(URI.create("http://127.0.0.1:" + port), null,
                new PrintStream(notices, true, StandardCharsets.UTF_8));
        List<String> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<StreamedEvent> followed = CompletableFuture.supplyAsync(() -> {
            try {
                return cli.follow("g1", new FollowFrom.Submitted(Instant.now()), Duration.ofSeconds(60),
                        e -> seen.add(e.id()));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> notices().contains("lost the gateway's event stream"));
        first.stop(0);
        Thread.sleep(1500); // the gateway is away: connections are refused
        gateway(port, exchange -> {
            resumedFrom.set(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
            respond(exchange, 200, event("0-3", "phase-changed") + event("0-4", "generation-completed"));
        });

        StreamedEvent end = followed.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(end.type()).isEqualTo("generation-completed");
        assertThat(seen).as("each event once, in order").containsExactly("0-1", "0-2", "0-3", "0-4");
        assertThat(resumedFrom.get()).isEqualTo("0-2");
        assertThat(notices()).containsPattern("gateway unreachable for \\d+(\\.\\d)? s; resumed after 0-2");
    }

    @Test
    void givenTheGatewayNeverComesBack_whenFollowing_thenItStopsAtItsOwnTimeoutAndSaysSo() throws Exception {
        int port = freePort();
        HttpServer only = gateway(port, exchange -> respond(exchange, 200, event("0-1", "phase-changed")));
        GatewayGenerations cli = new GatewayGenerations(URI.create("http://127.0.0.1:" + port), null,
                new PrintStream(notices, true, StandardCharsets.UTF_8));

        CompletableFuture<StreamedEvent> followed = CompletableFuture.supplyAsync(() -> {
            try {
                return cli.follow("g1", new FollowFrom.Submitted(Instant.now()), Duration.ofSeconds(3), e -> { });
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> notices().contains("lost the gateway's event stream"));
        only.stop(0);

        StreamedEvent last = followed.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(last.id()).as("the last event seen, no end").isEqualTo("0-1");
        assertThat(notices()).containsPattern("gateway unreachable for \\d+(\\.\\d)? s; gave up at the timeout \\(3\\.0 s\\)");
    }

    private String notices() {
        return notices.toString(StandardCharsets.UTF_8);
    }

    private HttpServer gateway(int port, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(EVENTS, exchange -> {
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static void respond(HttpExchange exchange, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String event(String id, String type) {
        return "id: " + id + "\nevent: " + type + "\ndata: {\"type\":\"" + type + "\",\"payload\":{}}\n\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
