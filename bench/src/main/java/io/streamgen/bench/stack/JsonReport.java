package io.streamgen.bench.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run's results as JSON, every figure as measured, and read back (for tests and comparisons). */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(BenchResults results) throws IOException {
        return JSON.writeValueAsString(results) + "\n";
    }

    static BenchResults read(Path file) throws IOException {
        return JSON.readValue(Files.readString(file), BenchResults.class);
    }

    /** Writes {@code <base>.md} and {@code <base>.json} under {@code dir}; returns the Markdown file. */
    static Path write(BenchResults results, Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(base + ".json"), render(results));
        Path md = dir.resolve(base + ".md");
        Files.writeString(md, MarkdownReport.render(results));
        return md;
    }
}
