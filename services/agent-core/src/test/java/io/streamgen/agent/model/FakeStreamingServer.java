package io.streamgen.agent.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A loopback HTTP server that answers one streaming endpoint with server-sent events, one event
 * per token with a pause between them, for at most a bounded number of tokens. It records the
 * request body and notices when the client closes the connection mid-stream. It can stall after a
 * number of tokens, as a provider does that stops mid-answer: it then sends only SSE comments
 * (which clients ignore), until the client gives up and closes the connection.
 */
public final class FakeStreamingServer implements AutoCloseable {

    /** How long a stalled stream waits for the client to close it before ending anyway. */
    private static final long STALL_CEILING_MILLIS = 30_000;

    /** Renders the SSE text of the whole answer for a list of tokens. */
    public interface Wire {
        String start();

        String token(String text);

        String end();
    }

    public final CountDownLatch clientClosed = new CountDownLatch(1);
    final AtomicReference<String> lastRequest = new AtomicReference<>();
    /** {@link System#nanoTime()} when the first and the last token went out (0 before). */
    public volatile long firstTokenNanos;
    public volatile long lastTokenNanos;
    private final HttpServer server;
    private volatile int stallAfter = -1;

    public FakeStreamingServer(String path, Wire wire, Function<String, List<String>> tokensFor, long pauseMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext(path, exchange -> answer(exchange, wire, tokensFor, pauseMillis));
        server.start();
    }

    /** Stall after {@code tokens} tokens: nothing more but comments, until the client closes. */
    public FakeStreamingServer stallingAfter(int tokens) {
        this.stallAfter = tokens;
        return this;
    }

    public String baseUrl(String suffix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + suffix;
    }

    private void answer(HttpExchange exchange, Wire wire, Function<String, List<String>> tokensFor, long pauseMillis)
            throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastRequest.set(body);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, wire.start());
            int sent = 0;
            for (String token : tokensFor.apply(body)) {
                if (sent++ == stallAfter) {
                    stall(out);
                    return;
                }
                write(out, wire.token(token));
                lastTokenNanos = System.nanoTime();
                if (firstTokenNanos == 0) {
                    firstTokenNanos = lastTokenNanos;
                }
                sleep(pauseMillis);
            }
            write(out, wire.end());
        } catch (IOException closedByClient) {
            clientClosed.countDown();
        }
    }

    /** Silence for the client (an SSE comment is no event), but a write that fails once it has closed. */
    private static void stall(OutputStream out) throws IOException {
        long deadline = System.nanoTime() + STALL_CEILING_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            sleep(50);
            write(out, ": still thinking\n\n");
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** OpenAI's chat-completions stream: {@code data:} chunks, then {@code data: [DONE]}. */
    public static final Wire OPENAI = new Wire() {
        @Override
        public String start() {
            return event(null, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        }

        @Override
        public String token(String text) {
            return event(null, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + json(text) + "},\"finish_reason\":null}]}");
        }

        @Override
        public String end() {
            return event(null, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}") + "data: [DONE]\n\n";
        }
    };

    /** Anthropic's messages stream: typed events around content_block_delta text deltas. */
    static final Wire ANTHROPIC = new Wire() {
        @Override
        public String start() {
            return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"content\":[],\"model\":\"fake\",\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}")
                    + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        }

        @Override
        public String token(String text) {
            return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":" + json(text) + "}}");
        }

        @Override
        public String end() {
            return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}")
                    + event("message_stop", "{\"type\":\"message_stop\"}");
        }
    };

    private static String event(String name, String data) {
        return (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
