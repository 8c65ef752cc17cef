package io.streamgen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the services' runnable artifacts, for a {@link LocalStack} that runs for minutes and
 * restarts services (the fault suite, the bench harness): a build in the same checkout meanwhile
 * (another module's {@code install}) must neither change what a restart starts nor pull a jar from
 * under a running JVM (a Spring Boot jar is read lazily).
 */
public final class ArtifactSnapshot {

    private static final List<String> QUARKUS_SERVICES = List.of("ui-agent", "logic-agent", "api-agent",
            "optimization-agent", "testing-agent", "gateway");

    private ArtifactSnapshot() {
    }

    /**
     * Copies the coordinator's jar and every Quarkus app under {@code copy}; returns {@code copy}, a
     * project root. A Quarkus app being rebuilt (its {@code quarkus-run.jar} missing) is waited for,
     * up to two minutes.
     */
    public static Path copy(Path project, Path copy) throws IOException {
        awaitRunnable(project, System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos());
        List<Path> artifacts = new ArrayList<>();
        Path coordinator = project.resolve("services/coordinator/target");
        if (Files.isDirectory(coordinator)) {
            try (Stream<Path> jars = Files.list(coordinator)) {
                jars.filter(f -> f.getFileName().toString().matches("streamgen-coordinator-.*\\.jar"))
                        .filter(f -> !f.toString().endsWith("-plain.jar") && !f.toString().endsWith("-tests.jar"))
                        .forEach(artifacts::add);
            }
        }
        for (String service : QUARKUS_SERVICES) {
            artifacts.add(project.resolve("services/" + service + "/target/quarkus-app"));
        }
        for (Path from : artifacts) {
            if (!Files.exists(from)) {
                throw new IOException(from + " is not built: run ./mvnw -q install -DskipTests");
            }
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path file : walk.toList()) {
                    Path to = copy.resolve(project.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        for (String service : QUARKUS_SERVICES) {
            if (!Files.isRegularFile(copy.resolve(runJar(service)))) {
                throw new IOException(runJar(service) + " changed while it was copied (a build in this checkout?)");
            }
        }
        return copy;
    }

    private static String runJar(String service) {
        return "services/" + service + "/target/quarkus-app/quarkus-run.jar";
    }

    private static void awaitRunnable(Path project, long deadlineNanos) throws IOException {
        for (String service : QUARKUS_SERVICES) {
            Path jar = project.resolve(runJar(service));
            while (!Files.isRegularFile(jar)) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new IOException(jar + " is not built: run ./mvnw -q install -DskipTests");
                }
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + jar, e);
                }
            }
        }
    }

    /** Deletes a directory tree; what cannot be deleted is left and named. */
    public static List<Path> deleteTree(Path root) {
        List<Path> left = new ArrayList<>();
        if (!Files.exists(root)) {
            return left;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    left.add(path);
                }
            }
        } catch (IOException e) {
            left.add(root);
        }
        return left;
    }
}
