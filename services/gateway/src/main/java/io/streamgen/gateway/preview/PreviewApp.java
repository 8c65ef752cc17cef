package io.streamgen.gateway.preview;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One generation's running preview: its sandboxed server process on its own loopback port. */
final class PreviewApp {

    enum State { STARTING, RUNNING, FAILED, NO_SERVER, STOPPED }

    /** What the API shows of it. */
    record Status(String generationId, State state, int port, Instant startedAt, int starts, String entry,
                  String error, Map<String, String> skipped) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String generationId;
    private final int port;
    private final PreviewWorkspace workspace;
    private final Path log;
    private final Path pidFile;
    private volatile State state = State.STARTING;
    private volatile String error;
    private volatile String entry;
    private volatile Instant startedAt;
    private volatile Map<String, String> skipped = Map.of();
    private volatile Instant touched = Instant.now();
    private final Instant created = Instant.now();
    private int starts;
    private Process process;

    PreviewApp(String generationId, int port, Path workDir) {
        this.generationId = generationId;
        this.port = port;
        String name = folderName(generationId);
        this.workspace = new PreviewWorkspace(workDir.resolve(name));
        this.log = workDir.resolve(name + ".log");
        this.pidFile = workDir.resolve(name + ".pid");
    }

    /** A generation id as a folder name: ids are validated by the API, but a folder must never climb. */
    static String folderName(String generationId) {
        return generationId.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
    }

    int port() {
        return port;
    }

    void touch() {
        touched = Instant.now();
    }

    Instant touched() {
        return touched;
    }

    Instant created() {
        return created;
    }

    /** (Re)starts the app from {@code files}, returning once it answers HTTP, fails, or has no server to run. */
    synchronized void start(PreviewConfig config, Map<String, String> files) {
        stopProcess();
        starts++;
        touch();
        state = State.STARTING;
        error = null;
        try {
            skipped = Map.copyOf(workspace.write(files));
            Optional<String> server = workspace.entry();
            if (server.isEmpty()) {
                entry = null;
                state = State.NO_SERVER;
                error = "no server to start: package.json has no `node <file>` start script and there is no server/main.js";
                return;
            }
            entry = server.get();
            List<String> command = SandboxCommand.command(config, workspace.folder(), entry);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.folder().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(SandboxCommand.environment(port));
            process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            startedAt = Instant.now();
            awaitAnswer(config.startTimeout());
        } catch (IOException | RuntimeException e) {
            fail("cannot start the app: " + e.getMessage());
        }
    }

    private void awaitAnswer(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI root = URI.create("http://127.0.0.1:" + port + "/");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the app exited with " + process.exitValue() + ": " + tail(12));
                return;
            }
            try {
                HTTP.send(HttpRequest.newBuilder(root).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                state = State.RUNNING;
                return;
            } catch (IOException notYet) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while the app started");
                return;
            }
        }
        fail("the app did not answer on port " + port + " within " + timeout + ": " + tail(12));
    }

    private void fail(String why) {
        stopProcess();
        state = State.FAILED;
        error = why;
    }

    /** Whether a started app has since died (out of CPU time, a crash): said in its status. */
    synchronized void check() {
        if (state == State.RUNNING && process != null && !process.isAlive()) {
            state = State.FAILED;
            error = "the app exited with " + process.exitValue() + ": " + tail(12);
        }
    }

    synchronized void stop(String why) {
        stopProcess();
        if (state != State.FAILED) {
            state = State.STOPPED;
            error = why;
        }
        workspace.delete();
    }

    private void stopProcess() {
        if (process != null) {
            kill(process.toHandle());
            process = null;
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked before it is trusted
        }
    }

    /** The process and everything it started (timeout → prlimit → nice → node exec in turn, but be sure). */
    static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // it is gone or going; nothing else to do
        }
    }

    Status status() {
        check();
        return new Status(generationId, state, port, startedAt, starts, entry, error, skipped);
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
