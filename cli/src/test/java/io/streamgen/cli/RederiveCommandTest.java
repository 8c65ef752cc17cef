package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streamgen rederive} and {@code generate --no-cache} against a gateway on loopback. */
class RederiveCommandTest {

    private static final String DONE = "gen-done";
    private static final String NEW = "gen-rederived";

    private HttpServer server;
    private String url;
    /** The body of the last POST to each path. */
    private final Map<String, JsonNode> posted = new ConcurrentHashMap<>();

    @BeforeEach
    void gateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/generations", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST")) {
            posted.put(path, StreamedEvent.JSON.readTree(exchange.getRequestBody()));
        }
        switch (path) {
            case "/api/generations" -> json(exchange, 202, "{\"generationId\":\"gen-new\"}");
            case "/api/generations/" + DONE + "/rederive" -> json(exchange, 202,
                    "{\"generationId\":\"" + NEW + "\",\"derivedFrom\":\"" + DONE + "\",\"mergeStrategy\":\"three-way\"}");
            case "/api/generations/gen-unknown/rederive" -> problem(exchange, 404, "Not Found",
                    "no generation gen-unknown in the events topic's replay window", "");
            case "/api/generations/gen-running/rederive" -> problem(exchange, 409, "Conflict",
                    "generation gen-running is still running: re-derive it once it ended", "");
            case "/api/generations/gen-checkpoint/rederive" -> problem(exchange, 400, "Bad Request",
                    "the re-derivation is invalid",
                    ",\"errors\":[{\"field\":\"fromCheckpoint\",\"message\":\"generation gen-checkpoint has no checkpoint 9 (it has [1, 2])\"}]");
            case "/api/generations/" + NEW + "/events" -> events(exchange);
            case "/api/generations/" + NEW + "/archive.zip" -> archive(exchange);
            default -> json(exchange, 404, "{}");
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail, String more) throws IOException {
        json(exchange, status, "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"" + more + "}");
    }

    private static void events(HttpExchange exchange) throws IOException {
        String stream = "id: 0-1\nevent: phase-changed\ndata: {\"type\":\"phase-changed\",\"generationId\":\"" + NEW
                + "\",\"progress\":0.5,\"payload\":{\"phase\":\"FEATURES\",\"state\":\"STARTED\"}}\n\n"
                + "id: 0-2\nevent: generation-completed\ndata: {\"type\":\"generation-completed\",\"generationId\":\"" + NEW
                + "\",\"progress\":1.0,\"payload\":{\"durationMillis\":12}}\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void archive(HttpExchange exchange) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(NEW + "/src/logic.js"));
            zip.write("export const merged = 3;\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        exchange.sendResponseHeaders(200, bytes.size());
        exchange.getResponseBody().write(bytes.toByteArray());
        exchange.close();
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs the command with stdout and stderr captured (the commands print to System.out and System.err). */
    private static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        var out = new ByteArrayOutputStream();
        var errStream = new ByteArrayOutputStream();
        var err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errStream, true, StandardCharsets.UTF_8));
            CommandLine commandLine = StreamgenCommand.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8),
                    err + errStream.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void shouldReDeriveThenFollowTheNewGenerationAndWriteItsFiles(@TempDir Path dir) {
        Run run = run("rederive", DONE, "--merge-strategy", "three-way", "--gateway", url, "--out", dir.toString(),
                "--plain", "--timeout", "20s");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(posted.get("/api/generations/" + DONE + "/rederive").path("mergeStrategy").asText()).isEqualTo("THREE_WAY");
        assertThat(run.out()).contains("generation " + NEW + " re-derives " + DONE + " with three-way")
                .contains("wrote 1 files to " + dir.toAbsolutePath());
        assertThat(dir.resolve("src/logic.js")).hasContent("export const merged = 3;");
    }

    @Test
    void shouldLeaveTheStrategyToTheSourceWhenNoneIsGiven(@TempDir Path dir) {
        Run run = run("rederive", DONE, "--gateway", url, "--out", dir.toString(), "--plain", "--timeout", "20s");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(posted.get("/api/generations/" + DONE + "/rederive").has("mergeStrategy")).isFalse();
        assertThat(run.out()).contains("generation " + NEW + " re-derives " + DONE + "\n");
    }

    @Test
    void shouldSayTheProblemsDetailWhenTheGatewayRefuses() {
        Run unknown = run("rederive", "gen-unknown", "--gateway", url);
        Run running = run("rederive", "gen-running", "--gateway", url);
        Run invalid = run("rederive", "gen-checkpoint", "--from-checkpoint", "9", "--gateway", url);

        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("streamgen rederive: no generation gen-unknown to re-derive:"
                + " no generation gen-unknown in the events topic's replay window");
        assertThat(running.exit()).isEqualTo(1);
        assertThat(running.err().strip()).isEqualTo("streamgen rederive: generation gen-running cannot be re-derived now:"
                + " generation gen-running is still running: re-derive it once it ended");
        assertThat(invalid.exit()).as("the request was wrong: a usage error").isEqualTo(64);
        assertThat(invalid.err().strip()).isEqualTo("streamgen rederive: cannot re-derive gen-checkpoint:"
                + " the re-derivation is invalid (fromCheckpoint: generation gen-checkpoint has no checkpoint 9 (it has [1, 2]))");
        assertThat(posted.get("/api/generations/gen-checkpoint/rederive").path("fromCheckpoint").asInt()).isEqualTo(9);
    }

    @Test
    void shouldReDeriveFromACheckpointWhenAsked(@TempDir Path dir) {
        Run run = run("rederive", DONE, "--from-checkpoint", "1", "--gateway", url, "--out", dir.toString(), "--plain",
                "--timeout", "20s");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode body = posted.get("/api/generations/" + DONE + "/rederive");
        assertThat(body.path("fromCheckpoint").isInt()).as("%s", body).isTrue();
        assertThat(body.path("fromCheckpoint").asInt()).isEqualTo(1);
        assertThat(body.has("mergeStrategy")).isFalse();
        assertThat(run.out()).contains("generation " + NEW + " re-derives " + DONE + " from checkpoint 1\n")
                .contains("wrote 1 files to " + dir.toAbsolutePath());
        assertThat(dir.resolve("src/logic.js")).hasContent("export const merged = 3;");
    }

    @Test
    void shouldLeaveTheCheckpointOutByDefaultAndRefuseOneBelowOne(@TempDir Path dir) {
        run("rederive", DONE, "--gateway", url, "--plain", "--timeout", "20s", "--out", dir.toString());
        assertThat(posted.get("/api/generations/" + DONE + "/rederive").has("fromCheckpoint")).isFalse();
        posted.clear();

        Run zero = run("rederive", DONE, "--from-checkpoint", "0", "--gateway", url);

        assertThat(zero.exit()).isEqualTo(64);
        assertThat(zero.err()).contains("--from-checkpoint is a checkpoint id (1, 2, ...), not 0");
        assertThat(posted).as("refused before asking the gateway").isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownStrategyBeforeAskingTheGateway() {
        Run run = run("rederive", DONE, "--merge-strategy", "newest", "--gateway", url);

        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).contains("--merge-strategy is phase-priority, owner-wins or three-way, not newest");
        assertThat(posted).isEmpty();
    }

    @Test
    void shouldAskTheGatewayNotToUseTheCacheWithNoCache() {
        Run run = run("submit", "a todo app", "--no-cache", "--gateway", url);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(posted.get("/api/generations").path("cache").asBoolean(true)).isFalse();

        run("submit", "a todo app", "--gateway", url);
        assertThat(posted.get("/api/generations").path("cache").asBoolean(false)).as("the cache by default").isTrue();
    }

    @Test
    void shouldCarryNoCacheOnTheAvroRequestForKafka() throws Exception {
        StreamgenCommand.Generate generate = new StreamgenCommand.Generate();
        new CommandLine(generate).parseArgs("a todo app", "--no-cache", "--kafka", "127.0.0.1:1");
        assertThat(generate.what.request().getCache()).isFalse();

        StreamgenCommand.Generate plain = new StreamgenCommand.Generate();
        new CommandLine(plain).parseArgs("a todo app");
        assertThat(plain.what.request().getCache()).isTrue();
    }
}
