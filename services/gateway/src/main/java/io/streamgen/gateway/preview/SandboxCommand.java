package io.streamgen.gateway.preview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment that run a generated app in the preview's sandbox: Node's
 * permission model (read only its own folder; no writes, child processes, workers or addons), a
 * bounded V8 heap, the loopback guard preloaded, CPU time and open files bounded by the kernel
 * ({@code prlimit}, where the machine has it) at a lower priority ({@code nice}), its lifetime bounded
 * by {@code timeout} even should the gateway die without stopping it, and an environment
 * of its own: nothing of the gateway's (tokens, credentials) reaches it.
 */
final class SandboxCommand {

    static final String GUARD = ".streamgen-preview-sandbox.cjs";
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    private static final Path NICE = Path.of("/usr/bin/nice");
    private static final Path TIMEOUT = Path.of("/usr/bin/timeout");

    private SandboxCommand() {
    }

    static List<String> command(PreviewConfig config, Path folder, String entry) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(TIMEOUT)) {
            // the lifetime holds even if the gateway dies without stopping its apps
            command.addAll(List.of(TIMEOUT.toString(), "--kill-after=5", config.maxLifetime().toSeconds() + "s"));
        }
        if (Files.isExecutable(PRLIMIT)) {
            command.addAll(List.of(PRLIMIT.toString(), "--cpu=" + config.cpuSeconds(), "--nofile=" + config.maxFiles(),
                    "--core=0", "--"));
        }
        if (Files.isExecutable(NICE)) {
            command.addAll(List.of(NICE.toString(), "-n", "10"));
        }
        String root = folder.toAbsolutePath().normalize().toString();
        command.addAll(List.of(config.node(), "--experimental-permission", "--allow-fs-read=" + root + "/",
                "--max-old-space-size=" + config.heapMb(), "--disallow-code-generation-from-strings",
                "--no-warnings=ExperimentalWarning", "--require", root + "/" + GUARD, entry));
        return command;
    }

    static Map<String, String> environment(int port) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1", "NODE_ENV", "production", "PATH", path);
    }
}
