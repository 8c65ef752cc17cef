package io.streamgen.cli;

import java.io.IOException;
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

/**
 * One service of the local stack as an operating-system process: started with its environment,
 * its output appended to {@code logs/<name>.log}, its pid kept in {@code pids/<name>.pid} so that a
 * later {@code streamgen down} (another JVM) stops exactly it.
 */
public record ServiceProcess(String name, List<String> command, Map<String, String> environment, URI health,
                             Path stateDir) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Path logFile() {
        return stateDir.resolve("logs").resolve(name + ".log");
    }

    Path pidFile() {
        return stateDir.resolve("pids").resolve(name + ".pid");
    }

    /** Starts it unless the process of its pid file is still alive; returns that process. */
    public ProcessHandle start() throws IOException {
        Optional<ProcessHandle> running = running();
        if (running.isPresent()) {
            return running.get();
        }
        Files.createDirectories(logFile().getParent());
        Files.createDirectories(pidFile().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Files.writeString(pidFile(), Long.toString(process.pid()));
        return process.toHandle();
    }

    /** The live process this service's pid file names, if it is still the java process we started. */
    public Optional<ProcessHandle> running() {
        try {
            if (!Files.isRegularFile(pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when its health endpoint answers 200. */
    public boolean healthy() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then SIGKILL after 20 s; true when it was running. */
    public boolean stop() throws IOException {
        Optional<ProcessHandle> running = running();
        running.ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        Files.deleteIfExists(pidFile());
        return running.isPresent();
    }
}
