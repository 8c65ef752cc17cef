package io.streamgen.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running Node script that reports one JSON object per stdout line ({@code {"report": …}}); its
 * stdout and stderr go to files beside it, read whenever asked. Closing it kills it if it still runs.
 */
public final class NodeScript implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private NodeScript(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static NodeScript start(Path directory, List<String> command, Map<String, String> environment) {
        String name = command.get(command.size() - 1);
        Path stdout = directory.resolve(name + ".out");
        Path stderr = directory.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        try {
            return new NodeScript(name, builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command + " (is node on the PATH?)", e);
        }
    }

    /** Every report printed so far; a line that is not JSON is kept as a text node. */
    public List<JsonNode> reports() {
        List<JsonNode> reports = new ArrayList<>();
        for (String line : read(stdout).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                reports.add(JSON.readTree(line));
            } catch (IOException e) {
                reports.add(JSON.getNodeFactory().textNode(line));
            }
        }
        return reports;
    }

    public Optional<JsonNode> report(String kind) {
        return reports().stream().filter(r -> kind.equals(r.path("report").asText())).findFirst();
    }

    public boolean reported(String kind) {
        return report(kind).isPresent();
    }

    public boolean running() {
        return process.isAlive();
    }

    /** Waits for the script's exit code; a script still running after {@code timeout} is killed. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(name + " did not exit within " + timeout + "; killed. " + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** What it printed, for assertion messages. */
    public String describe() {
        return name + " stdout:\n" + read(stdout) + "\n" + name + " stderr:\n" + read(stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
