package io.streamgen.gateway.preview;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The preview runner (DESIGN §7): the generated app's own server, run from the merged files in a
 * sandbox. Off unless the operator turns it on ({@code STREAMGEN_PREVIEW_ENABLED=true}; the local
 * stack does), since it executes generated code on this machine.
 */
@ConfigMapping(prefix = "streamgen.preview")
public interface PreviewConfig {

    @WithDefault("false")
    boolean enabled();

    /** The Node.js executable (20+, for its permission model). */
    @WithDefault("node")
    String node();

    /** Loopback ports the apps listen on, {@code from-to}; each app keeps its port across restarts. */
    @WithDefault("8200-8279")
    String ports();

    /** Apps running at once; starting one more stops the one idle longest. */
    @WithDefault("4")
    int maxApps();

    /** V8 heap per app ({@code --max-old-space-size}), MiB. */
    @WithDefault("64")
    int heapMb();

    /** CPU seconds per app process (RLIMIT_CPU via prlimit, where the machine has it); then it is killed. */
    @WithDefault("120")
    int cpuSeconds();

    /** Open files per app process (RLIMIT_NOFILE), which bounds its sockets too. */
    @WithDefault("256")
    int maxFiles();

    /** How long an app may take to answer its first request. */
    @WithDefault("15s")
    Duration startTimeout();

    /** Checkpoints closer together than this restart the app once. */
    @WithDefault("1s")
    Duration debounce();

    /** An app whose generation had no event and no preview request for this long is stopped. */
    @WithDefault("10m")
    Duration idleTimeout();

    /** An app is stopped after this long whatever happens. */
    @WithDefault("1h")
    Duration maxLifetime();

    /** Where each app's files and log are kept (default: {@code streamgen-preview} in the temp directory). */
    Optional<Path> workDir();
}
