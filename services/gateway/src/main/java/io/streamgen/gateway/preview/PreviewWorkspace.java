package io.streamgen.gateway.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgen.schema.path.GeneratedPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One generation's folder for its preview: the merged files written afresh under their validated
 * paths (one rule, {@link GeneratedPath}), the sandbox's loopback guard beside them, and which file
 * starts the server.
 */
final class PreviewWorkspace {

    private static final Pattern NODE_START = Pattern.compile("^\\s*node\\s+(?:--[\\w-]+(?:=\\S+)?\\s+)*([\\w./-]+\\.m?js)\\s*$");
    private static final List<String> USUAL_ENTRIES = List.of("server/main.js", "server.js", "index.js", "src/server.js",
            "app.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    PreviewWorkspace(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path folder() {
        return folder;
    }

    /** Replaces the folder's files with {@code files} (path → content); returns the paths skipped, with why. */
    Map<String, String> write(Map<String, String> files) throws IOException {
        deleteContents();
        Files.createDirectories(folder);
        Map<String, String> skipped = new java.util.TreeMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            GeneratedPath.Result path = GeneratedPath.normalise(file.getKey());
            Path target = path.valid() ? folder.resolve(path.path()).normalize() : null;
            if (target == null || !target.startsWith(folder) || target.equals(folder)
                    || target.getFileName().toString().equals(SandboxCommand.GUARD)) {
                skipped.put(file.getKey(), path.valid() ? "not a file of the app's folder" : path.reason());
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        try (InputStream guard = PreviewWorkspace.class.getResourceAsStream("/streamgen/preview-sandbox.cjs")) {
            if (guard == null) {
                throw new IOException("the preview sandbox's guard is missing from the gateway's resources");
            }
            Files.copy(guard, folder.resolve(SandboxCommand.GUARD), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return skipped;
    }

    /**
     * The file that starts the app's server: {@code scripts.start} of its package.json when that is
     * {@code node <file>}, else the layout's {@code server/main.js} or another usual name.
     */
    Optional<String> entry() {
        Path manifest = folder.resolve("package.json");
        if (Files.isRegularFile(manifest)) {
            try {
                JsonNode start = JSON.readTree(manifest.toFile()).path("scripts").path("start");
                Matcher node = NODE_START.matcher(start.asText(""));
                if (node.matches() && Files.isRegularFile(folder.resolve(node.group(1)).normalize())
                        && folder.resolve(node.group(1)).normalize().startsWith(folder)) {
                    return Optional.of(folder.relativize(folder.resolve(node.group(1)).normalize()).toString());
                }
            } catch (IOException unreadable) {
                // a package.json that does not parse: fall back to the usual names
            }
        }
        return USUAL_ENTRIES.stream().filter(name -> Files.isRegularFile(folder.resolve(name))).findFirst();
    }

    void delete() {
        deleteContents();
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteContents() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + folder, e);
        }
    }
}
