package io.streamgen.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model behind OpenAI's chat-completions wire protocol on loopback, answering from the realistic
 * answer corpus ({@code src/test/resources/corpus}). The request's model name picks the answer set
 * ({@code <request>/<set>}, e.g. {@code todo-tags/deviating}; a {@code +slow} suffix streams it at a
 * few hundred pieces a second, for tests that intervene mid-stream); the prompt's task card picks the
 * task. Asked to continue an interrupted answer, it starts again from the top, as chat models
 * commonly do. Faults can be queued per task: a 429 with the wait in its body, a 503, or a stream
 * cut half-way.
 */
final class CorpusModelServer implements AutoCloseable {

    /** A fault the next request for a task gets instead of a normal answer. */
    enum Fault { RATE_LIMITED, UNAVAILABLE, CUT_MID_STREAM }

    /** One request as the model saw it. */
    record Call(String model, String taskId, List<String> messages) {
        String text() {
            return String.join("\n", messages);
        }
    }

    private static final Pattern CARD = Pattern.compile("<streamgen-task>\\n(?:.*\\n)*?role: (\\w+)\\n(?:.*\\n)*?phase: (\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLOW = "+slow";
    private static final long SLOW_PAUSE_MILLIS = 3;

    private final Path corpus;
    private final HttpServer server;
    private final long pauseMillis;
    private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    /** @param pauseMillis the pause between two streamed pieces (0: as fast as possible) */
    CorpusModelServer(Path corpus, long pauseMillis) throws IOException {
        this.corpus = corpus;
        this.pauseMillis = pauseMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void inject(String taskId, Fault fault) {
        faults.computeIfAbsent(taskId, k -> new ConcurrentLinkedQueue<>()).add(fault);
    }

    List<Call> callsFor(String model, String taskId) {
        return calls.stream().filter(c -> c.model().equals(model) && c.taskId().equals(taskId)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String model = request.path("model").asText();
            List<String> messages = new java.util.ArrayList<>();
            for (JsonNode message : request.path("messages")) {
                JsonNode content = message.path("content");
                if (content.isArray()) {
                    StringBuilder text = new StringBuilder();
                    content.forEach(part -> text.append(part.path("text").asText()));
                    messages.add(text.toString());
                } else {
                    messages.add(content.asText());
                }
            }
            String taskId = taskId(messages);
            calls.add(new Call(model, taskId, messages));
            Fault fault = faults.getOrDefault(taskId, new ConcurrentLinkedQueue<>()).poll();
            if (fault == Fault.RATE_LIMITED) {
                error(exchange, 429, "rate_limit_exceeded", "Rate limit reached for requests. Please try again in 1s.");
                return;
            }
            if (fault == Fault.UNAVAILABLE) {
                error(exchange, 503, "server_error", "The server is overloaded. Please retry.");
                return;
            }
            boolean slow = model.endsWith(SLOW);
            Path answer = corpus.resolve(slow ? model.substring(0, model.length() - SLOW.length()) : model)
                    .resolve(taskId + ".md");
            if (!Files.exists(answer)) {
                error(exchange, 404, "model_not_found", "no answer " + answer + " in the corpus");
                return;
            }
            String text = Files.readString(answer, StandardCharsets.UTF_8);
            stream(exchange, model, text, fault == Fault.CUT_MID_STREAM ? text.length() / 2 : text.length(),
                    slow ? SLOW_PAUSE_MILLIS : pauseMillis);
        }
    }

    /** {@code phase-role} from the last task card of the prompt, as the coordinator names tasks. */
    private static String taskId(List<String> messages) {
        String role = "unknown";
        String phase = "unknown";
        for (String message : messages) {
            Matcher m = CARD.matcher(message);
            while (m.find()) {
                role = m.group(1);
                phase = m.group(2);
            }
        }
        return phase.toLowerCase(Locale.ROOT) + "-" + role.toLowerCase(Locale.ROOT);
    }

    private void stream(HttpExchange exchange, String model, String text, int until, long pauseMillis) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        write(out, chunk(model, "", true, null));
        // pieces of 1-6 characters, roughly a tokenizer's: the agent must not care where they split
        int seed = text.length();
        for (int i = 0; i < until; ) {
            seed = seed * 1103515245 + 12345;
            int n = Math.min(until - i, 1 + Math.floorMod(seed >> 16, 6));
            write(out, chunk(model, text.substring(i, i + n), false, null));
            i += n;
            if (pauseMillis > 0) {
                sleep(pauseMillis);
            }
        }
        if (until < text.length()) {
            return; // cut: the connection closes without a finish reason or [DONE]
        }
        write(out, chunk(model, null, false, "stop") + "data: [DONE]\n\n");
    }

    private static String chunk(String model, String content, boolean first, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-corpus").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (first) {
            delta.put("role", "assistant");
        }
        if (content != null) {
            delta.put("content", content);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        try {
            return "data: " + JSON.writeValueAsString(root) + "\n\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("{\"error\":{\"message\":" + JSON.writeValueAsString(message) + ",\"type\":\"" + code
                + "\",\"code\":\"" + code + "\"}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "1");
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
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
}
