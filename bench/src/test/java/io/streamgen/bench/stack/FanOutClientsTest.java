package io.streamgen.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The fan-out clients against a small SSE server on loopback: status, events, latency, source addresses. */
class FanOutClientsTest {

    @Test
    void givenAnSseServer_whenManyClientsOpen_thenEachCountsItsEventsFromItsOwnAddress() throws Exception {
        Set<String> sources = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/stream-generation", exchange -> {
            sources.add(exchange.getRemoteAddress().getAddress().getHostAddress());
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    String event = "id: " + i + "\ndata: {\"type\":\"draft-chunk\",\"producedAt\":\"" + Instant.now()
                            + "\"}\n\n";
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(": keep-alive, not an event\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        LatencyWindow latencies = new LatencyWindow();
        latencies.open();
        try (FanOutClients clients = new FanOutClients(latencies)) {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            clients.open(uri, "/api/stream-generation", 30, 10);

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> clients.events() == 90);
            assertThat(clients.connected()).isEqualTo(30);
            assertThat(clients.refused()).isZero();
            assertThat(latencies.histogram().getTotalCount()).as("3 sampled clients × 3 drafts").isEqualTo(9);
            assertThat(sources).hasSize(30).allMatch(a -> a.startsWith("127.0.0.") && !a.equals("127.0.0.1"));
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}
