package io.streamgen.cli;

import io.streamgen.schema.path.GeneratedPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a generation's files are written. Each name passes the rule every module shares
 * ({@link GeneratedPath}) and must land under the folder; a name that does not, or a file that
 * cannot be written (e.g. {@code a} and {@code a/b} both files), is skipped and said, so that one
 * name never costs the user the rest of the generation.
 */
final class OutputFolder {

    private final Path root;
    private final PrintStream notices;
    private final List<String> written = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    OutputFolder(Path out, PrintStream notices) {
        this.root = out.toAbsolutePath().normalize();
        this.notices = notices;
    }

    /** Writes {@code content} as {@code name}; false (and said) when it was skipped. */
    boolean write(String name, InputStream content) {
        GeneratedPath.Result path = GeneratedPath.normalise(name);
        if (!path.valid()) {
            return skip(name, path.reason());
        }
        Path target = root.resolve(path.path()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            return skip(name, "it would be written outside " + root); // the rule forbids it; the file system decides
        }
        try {
            Files.createDirectories(target.getParent());
            Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return skip(name, "cannot write it: " + e);
        }
        written.add(path.path());
        return true;
    }

    private boolean skip(String name, String reason) {
        skipped.add(name);
        notices.println("skipped the file " + GeneratedPath.quote(name) + ": " + reason);
        return false;
    }

    List<String> written() {
        return List.copyOf(written);
    }

    List<String> skipped() {
        return List.copyOf(skipped);
    }
}
