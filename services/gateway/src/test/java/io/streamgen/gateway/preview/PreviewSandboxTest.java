package io.streamgen.gateway.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated app run by the preview's sandbox, with real Node: it serves on loopback, and what it
 * must not do (write files, start processes or workers, connect beyond loopback, see the gateway's
 * environment, listen beyond loopback) fails inside the app.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PreviewSandboxTest {

    /** An app that tries, on request, each thing the sandbox forbids, and says what happened. */
    private static final String SERVER = """
            import http from 'node:http';
            import fs from 'node:fs';
            import net from 'node:net';
            import { execSync } from 'node:child_process';
            import { Worker } from 'node:worker_threads';
            import { readFile } from 'node:fs/promises';

            const attempt = (fn) => { try { return 'allowed: ' + fn(); } catch (e) { return 'refused: ' + (e.code ?? e.message); } };
            const server = http.createServer(async (req, res) => {
              let body;
              if (req.url === '/write') body = attempt(() => fs.writeFileSync(new URL('../x.txt', import.meta.url), 'x'));
              else if (req.url === '/spawn') body = attempt(() => execSync('true').toString());
              else if (req.url === '/worker') body = attempt(() => new Worker('1', { eval: true }).threadId);
              else if (req.url === '/eval') body = attempt(() => new Function('return 1')());
              else if (req.url === '/env') body = JSON.stringify(Object.keys(process.env).sort());
              else if (req.url === '/address') body = server.address().address;
              else if (req.url === '/read') body = attempt(() => fs.readFileSync(new URL('../public/index.html', import.meta.url), 'utf8'));
              else if (req.url === '/read-outside') body = attempt(() => fs.readFileSync('/etc/hostname', 'utf8'));
              else if (req.url === '/connect') {
                body = await new Promise((resolve) => {
                  const socket = net.connect(80, '192.0.2.1');
                  socket.on('connect', () => { socket.destroy(); resolve('allowed: connected'); });
                  socket.on('error', (e) => resolve('refused: ' + e.message));
                });
              } else body = await readFile(new URL('../public/index.html', import.meta.url), 'utf8');
              res.end(body);
            });
            server.listen(Number(process.env.PORT), '0.0.0.0');
            """;

    @TempDir
    Path work;

    private PreviewApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop("test over");
        }
    }

    @Test
    void shouldServeTheAppOnLoopbackAndRefuseWhatTheSandboxForbids() throws Exception {
        assumeThat(nodeMajor()).as("Node 20+ on the PATH").isGreaterThanOrEqualTo(20);
        int port = PortRange.parse("20200-20299").free(List.of()).orElseThrow();
        app = new PreviewApp("gen-sandbox", port, work);

        app.start(config(), Map.of("package.json", "{\"type\": \"module\", \"scripts\": {\"start\": \"node server/main.js\"}}",
                "server/main.js", SERVER, "public/index.html", "<h1>hello</h1>", "../escape.txt", "no"));

        PreviewApp.Status status = app.status();
        assertThat(status.state()).as("%s", status.error()).isEqualTo(PreviewApp.State.RUNNING);
        assertThat(status.entry()).isEqualTo("server/main.js");
        assertThat(status.skipped()).containsOnlyKeys("../escape.txt");
        assertThat(get(port, "/")).isEqualTo("<h1>hello</h1>");
        assertThat(get(port, "/address")).as("asked for 0.0.0.0, got loopback").isEqualTo("127.0.0.1");
        assertThat(get(port, "/read")).startsWith("allowed");
        assertThat(get(port, "/read-outside")).isEqualTo("refused: ERR_ACCESS_DENIED");
        assertThat(get(port, "/write")).isEqualTo("refused: ERR_ACCESS_DENIED");
        assertThat(get(port, "/spawn")).isEqualTo("refused: ERR_ACCESS_DENIED");
        assertThat(get(port, "/worker")).isEqualTo("refused: ERR_ACCESS_DENIED");
        assertThat(get(port, "/eval")).startsWith("refused");
        assertThat(get(port, "/connect")).startsWith("refused: the preview sandbox allows connections to loopback only");
        assertThat(get(port, "/env")).isEqualTo("[\"HOST\",\"NODE_ENV\",\"PATH\",\"PORT\"]");
        assertThat(Files.exists(work.resolve("x.txt"))).isFalse();
        assertThat(Files.exists(work.resolve("escape.txt"))).isFalse();

        app.stop("test over");
        assertThat(app.status().state()).isEqualTo(PreviewApp.State.STOPPED);
        assertThat(Files.exists(work.resolve(PreviewApp.folderName("gen-sandbox")))).isFalse();
    }

    @Test
    void shouldSayWhyAnAppDidNotStart() throws Exception {
        assumeThat(nodeMajor()).as("Node 20+ on the PATH").isGreaterThanOrEqualTo(20);
        int port = PortRange.parse("20200-20299").free(List.of()).orElseThrow();
        app = new PreviewApp("gen-broken", port, work);

        app.start(config(), Map.of("server/main.js", "throw new Error('the model forgot a bracket');"));
        assertThat(app.status().state()).isEqualTo(PreviewApp.State.FAILED);
        assertThat(app.status().error()).contains("exited").contains("the model forgot a bracket");

        app.start(config(), Map.of("public/index.html", "<p>static only</p>"));
        assertThat(app.status().state()).isEqualTo(PreviewApp.State.NO_SERVER);
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int nodeMajor() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes()).trim();
            node.waitFor(10, TimeUnit.SECONDS);
            return Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1"));
        } catch (Exception e) {
            return 0;
        }
    }

    static PreviewConfig config() {
        return new PreviewConfig() {
            public boolean enabled() { return true; }
            public String node() { return "node"; }
            public String ports() { return "20200-20299"; }
            public int maxApps() { return 4; }
            public int heapMb() { return 64; }
            public int cpuSeconds() { return 60; }
            public int maxFiles() { return 256; }
            public Duration startTimeout() { return Duration.ofSeconds(20); }
            public Duration debounce() { return Duration.ofMillis(100); }
            public Duration idleTimeout() { return Duration.ofMinutes(1); }
            public Duration maxLifetime() { return Duration.ofMinutes(5); }
            public Optional<Path> workDir() { return Optional.empty(); }
        };
    }
}
