package io.streamgen.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Submits generations through the gateway ({@code POST /api/generations}) and opens their event streams. */
final class GatewayClient {

    private static final AtomicLong IDS = new AtomicLong();

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    GatewayClient(URI gateway) {
        this.gateway = gateway;
    }

    /** A fresh generation id, e.g. {@code bench-x1y2z-step5-3}. */
    String newId(String label) {
        return "bench-" + runId + "-" + label + "-" + IDS.incrementAndGet();
    }

    /** An SSE client of the generation, not yet started. */
    SseReader reader(String generationId, LatencyWindow latencies) {
        return new SseReader(http, gateway, generationId, latencies);
    }

    /** Submits; returns once the gateway answered 202 (the request is on its topic). */
    void submit(String generationId, BenchRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/api/generations"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(request.json(generationId))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("the gateway refused " + generationId + " (" + response.statusCode() + "): "
                    + response.body());
        }
    }
}
