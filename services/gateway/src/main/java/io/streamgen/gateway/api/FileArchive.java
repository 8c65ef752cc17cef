package io.streamgen.gateway.api;

import io.streamgen.schema.path.GeneratedPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A generation's files as a zip under one folder. A name the shared rule ({@link GeneratedPath})
 * refuses, a second file with the same normalised name, or a file that cannot be read is left out
 * and reported, so that one odd name never costs the user the whole archive.
 */
final class FileArchive {

    /** A file left out of the archive, and why. */
    record Skipped(String path, String reason) {
    }

    private FileArchive() {
    }

    static List<Skipped> write(String folder, List<String> paths, Function<String, String> content, OutputStream out)
            throws IOException {
        List<Skipped> skipped = new ArrayList<>();
        Set<String> written = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String path : paths) {
                GeneratedPath.Result name = GeneratedPath.normalise(path);
                if (!name.valid()) {
                    skipped.add(new Skipped(path, name.reason()));
                    continue;
                }
                if (!written.add(name.path())) {
                    skipped.add(new Skipped(path, "the same file as " + name.path()));
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = content.apply(path).getBytes(StandardCharsets.UTF_8);
                } catch (RuntimeException unreadable) {
                    skipped.add(new Skipped(path, "not readable: " + unreadable.getMessage()));
                    continue;
                }
                zip.putNextEntry(new ZipEntry(folder + "/" + name.path()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return skipped;
    }
}
