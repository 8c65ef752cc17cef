package io.streamgen.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node project of the test sources, copied under {@code target/} and installed there with
 * {@code npm ci} from its committed lock file (so the source tree gets no node_modules), whose
 * scripts then run as processes.
 */
public final class NodeProject {

    private final Path directory;

    private NodeProject(Path directory) {
        this.directory = directory;
    }

    /**
     * Copies the project's files (not its node_modules) to {@code workDirectory} and runs
     * {@code npm ci} there within {@code timeout}: from npm's cache when it has the packages, else
     * from the registry.
     */
    public static NodeProject install(Path source, Path workDirectory, Duration timeout) {
        try {
            Files.createDirectories(workDirectory);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, workDirectory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path log = workDirectory.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund")
                    .directory(workDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci did not finish within " + timeout + " in " + workDirectory
                        + ":\n" + Files.readString(log));
            }
            if (npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed (" + npm.exitValue() + ") in " + workDirectory + ":\n"
                        + Files.readString(log));
            }
            return new NodeProject(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the Node project " + source + " (are node and npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing " + source, e);
        }
    }

    /** Starts {@code node <script>} with {@code environment} added to this JVM's. */
    public NodeScript start(String script, Map<String, String> environment) {
        return NodeScript.start(directory, List.of("node", script), environment);
    }
}
