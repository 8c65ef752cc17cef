package io.streamgen.gateway.load;

import io.streamgen.infra.kafka.test.TestKafka;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.DraftChunk;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topics;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The closing note's figures: how many SSE clients one gateway holds, its memory, and the latency
 * from producing an event to a client reading it. Not a test (run by hand, see the module's notes):
 * it starts an in-JVM broker, the packaged gateway as its own process ({@code -Xmx256m}), opens
 * {@code clients} SSE streams spread over {@code generations} generations, and produces
 * {@code events} draft chunks at {@code rate} per second.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) io.streamgen.gateway.load.SseLoadProbe 2000 50 2000 200</pre>
 */
public final class SseLoadProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private SseLoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int generations = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int port = 18990;
        String bootstrap = TestKafka.shared().bootstrapServers();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        Process gateway = new ProcessBuilder("java", "-Xmx256m", "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(new File("target/load-gateway.log")).start();
        try {
            String base = "http://127.0.0.1:" + port;
            waitUntil(() -> status(base + "/q/health/ready") == 200, Duration.ofSeconds(60), "gateway ready");
            long startRss = rssKb(gateway.pid());
            String[] ids = new String[generations];
            for (int g = 0; g < generations; g++) {
                ids[g] = "load-" + UUID.randomUUID();
            }
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong received = new AtomicLong();
            for (int c = 0; c < clients; c++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/generations/" + ids[c % generations]
                        + "/events")).header("Accept", "text/event-stream").build();
                HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new LineReader(latencies, received, events / 5)));
                if (c % 200 == 199) {
                    Thread.sleep(100);
                }
            }
            waitUntil(() -> gauge(base, "streamgen_gateway_clients") >= clients, Duration.ofSeconds(180), "clients connected");
            Thread.sleep(3000);
            long idleRss = rssKb(gateway.pid());
            System.out.printf("clients connected: %d (gateway gauge %.0f)%n", clients, gauge(base, "streamgen_gateway_clients"));
            System.out.printf("gateway RSS: %d MB at start, %d MB with %d idle clients (%.1f KB per client)%n",
                    startRss / 1024, idleRss / 1024, clients, (idleRss - startRss) / (double) clients);

            produce(bootstrap, ids, events, rate);
            long expected = (long) events / generations * clients;
            waitUntil(() -> received.get() >= expected, Duration.ofSeconds(120), "all deliveries");
            long busyRss = rssKb(gateway.pid());
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("deliveries: %d; gateway RSS after: %d MB%n", received.get(), busyRss / 1024);
            System.out.printf("(latency over the last 80%% of events, after warm-up)%n");
            System.out.printf("latency produce->client (ms): p50 %d, p90 %d, p99 %d, max %d%n", pct(sorted, 50),
                    pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1]);
            String metrics = get(base + "/q/metrics");
            metrics.lines().filter(l -> l.startsWith("streamgen_gateway_event_lag")).forEach(System.out::println);
        } finally {
            gateway.destroy();
            System.exit(0);
        }
    }

    private static void produce(String bootstrap, String[] ids, int events, int rate) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
        long pause = Math.max(1, 1000L / rate);
        try (KafkaProducer<String, GenerationEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>())) {
            for (int i = 0; i < events; i++) {
                String id = ids[i % ids.length];
                DraftChunk draft = DraftChunk.newBuilder().setTaskId("t").setRole(Role.UI).setPhase(Phase.FEATURES)
                        .setPath("public/app.js").setRegion(null).setSeq(i).setText("export const v" + i + " = " + i + ";\n")
                        .build();
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), id, GenerationEvent.newBuilder()
                        .setGenerationId(id).setAt(Instant.now()).setProgress(0.5).setPayload(draft).build()));
                Thread.sleep(pause);
            }
            producer.flush();
        }
    }

    /** Counts events and measures each one's age from the event's {@code at}. */
    private static final class LineReader implements Flow.Subscriber<String> {
        private final ConcurrentLinkedQueue<Long> latencies;
        private final AtomicLong received;
        private final long warmUp;

        LineReader(ConcurrentLinkedQueue<Long> latencies, AtomicLong received, long warmUp) {
            this.warmUp = warmUp;
            this.latencies = latencies;
            this.received = received;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            int at = line.indexOf("\"at\":\"");
            if (line.startsWith("data:") && at > 0) {
                String instant = line.substring(at + 6, line.indexOf('"', at + 6));
                long age = System.currentTimeMillis() - Instant.parse(instant).toEpochMilli();
                int seq = line.indexOf("\"seq\":");
                long n = seq < 0 ? 0 : Long.parseLong(line.substring(seq + 6, line.indexOf(',', seq)));
                if (n >= warmUp) {
                    latencies.add(age);
                }
                received.incrementAndGet();
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    private static double gauge(String base, String name) {
        try {
            return Arrays.stream(get(base + "/q/metrics").split("\n")).filter(l -> l.startsWith(name + " ")
                    || l.startsWith(name + "{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Check check, Duration within, String what) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

}
