package io.streamgen.gateway.preview;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamgen.gateway.api.Coordinator;
import io.streamgen.gateway.api.ProblemException;
import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.event.CheckpointTaken;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.RolledBack;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs the generated app of a generation with {@code --preview} (and of any generation on request):
 * after each checkpoint, a rollback or the end, debounced, its merged files are fetched from the
 * coordinator and its server restarted in the sandbox ({@link SandboxCommand}) on a loopback port
 * of its own, which keeps it on an origin apart from the dashboard's. Apps idle for
 * {@code idle-timeout} are stopped, as is the one idle longest when {@code max-apps} are running.
 */
@ApplicationScoped
public class PreviewRunner {

    private static final Logger LOG = Logger.getLogger(PreviewRunner.class);
    private static final int REMEMBERED = 1_000;

    @Inject
    PreviewConfig config;
    @Inject
    Coordinator coordinator;
    @Inject
    EventHub hub;

    private final Map<String, PreviewApp> apps = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** Generations started with --preview, the latest {@link #REMEMBERED}. */
    private final Set<String> wanted = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));
    private ScheduledExecutorService executor;
    private PortRange ports;
    private Path workDir;

    void onStart(@Observes StartupEvent start) throws IOException {
        if (!config.enabled()) {
            return;
        }
        ports = PortRange.parse(config.ports());
        workDir = config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "streamgen-preview"))
                .toAbsolutePath().normalize();
        Files.createDirectories(workDir);
        stopLeftovers();
        executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "preview-runner");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::stopIdle, 30, 30, TimeUnit.SECONDS);
        hub.addListener(this::onEvent);
        LOG.infof("preview runner on: apps on 127.0.0.1:%s, at most %d at once, %d MiB heap and %d CPU s each, in %s",
                config.ports(), config.maxApps(), config.heapMb(), config.cpuSeconds(), workDir);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (executor != null) {
            executor.shutdownNow();
        }
        apps.values().forEach(app -> app.stop("the gateway stopped"));
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The app's status, if this gateway runs (or ran) one for the generation. */
    public Optional<PreviewApp.Status> status(String generationId) {
        PreviewApp app = apps.get(generationId);
        if (app == null) {
            return Optional.empty();
        }
        app.touch();
        return Optional.of(app.status());
    }

    /** Starts (or restarts) the generation's app now, in the background; its status says how it went. */
    public PreviewApp.Status start(String generationId) {
        if (!config.enabled()) {
            throw new ProblemException(409, "Conflict", "the preview runner is off on this gateway"
                    + " (STREAMGEN_PREVIEW_ENABLED=true turns it on; it runs generated code)");
        }
        coordinator.generation(generationId); // a 404 problem for an unknown generation
        wanted.add(generationId);
        PreviewApp app = app(generationId);
        schedule(generationId, Duration.ZERO);
        return app.status();
    }

    public boolean stop(String generationId) {
        wanted.remove(generationId);
        Optional.ofNullable(pending.remove(generationId)).ifPresent(f -> f.cancel(false));
        PreviewApp app = apps.remove(generationId);
        if (app == null) {
            return false;
        }
        executor.execute(() -> app.stop("stopped on request"));
        return true;
    }

    private void onEvent(HubRecord record) {
        String id = record.generationId();
        Object payload = record.event().getPayload();
        if (payload instanceof GenerationStarted started && started.getFlags().getPreview()) {
            wanted.add(id);
        } else if (wanted.contains(id) && (payload instanceof CheckpointTaken || payload instanceof RolledBack
                || payload instanceof GenerationCompleted || payload instanceof GenerationFailed)) {
            schedule(id, config.debounce());
        }
    }

    /** One restart per burst of checkpoints: a pending one absorbs the next. */
    private void schedule(String id, Duration delay) {
        pending.compute(id, (key, existing) -> {
            if (existing != null && !existing.isDone()) {
                return existing;
            }
            return executor.schedule(() -> restart(id), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void restart(String id) {
        pending.remove(id);
        if (!wanted.contains(id)) {
            return;
        }
        PreviewApp app;
        try {
            app = app(id);
        } catch (ProblemException full) {
            LOG.warnf("no preview for %s: %s", id, full.getMessage());
            return;
        }
        Map<String, String> files = new LinkedHashMap<>();
        try {
            for (String path : coordinator.paths(id)) {
                files.put(path, coordinator.file(id, path));
            }
        } catch (ProblemException e) {
            LOG.warnf("the preview of %s cannot read its files: %s", id, e.getMessage());
            return;
        }
        app.start(config, files);
        PreviewApp.Status status = app.status();
        LOG.infof("preview of %s: %s on 127.0.0.1:%d (start %d)%s", id, status.state(), status.port(), status.starts(),
                status.error() == null ? "" : ": " + status.error());
    }

    /** The generation's app, made (on a free port, evicting the one idle longest when full) if new. */
    private synchronized PreviewApp app(String id) {
        PreviewApp existing = apps.get(id);
        if (existing != null) {
            return existing;
        }
        if (apps.size() >= config.maxApps()) {
            apps.entrySet().stream().min(Comparator.comparing(e -> e.getValue().touched())).ifPresent(idle -> {
                apps.remove(idle.getKey());
                wanted.remove(idle.getKey());
                executor.execute(() -> idle.getValue().stop("stopped for a newer preview (max-apps " + config.maxApps() + ")"));
            });
        }
        int port = ports.free(apps.values().stream().map(PreviewApp::port).toList()).orElseThrow(() ->
                new ProblemException(503, "Service Unavailable", "no free preview port in " + config.ports()));
        PreviewApp app = new PreviewApp(id, port, workDir);
        apps.put(id, app);
        return app;
    }

    private void stopIdle() {
        Instant now = Instant.now();
        apps.forEach((id, app) -> {
            boolean idle = app.touched().plus(config.idleTimeout()).isBefore(now);
            boolean old = app.created().plus(config.maxLifetime()).isBefore(now);
            if (idle || old) {
                apps.remove(id);
                wanted.remove(id);
                app.stop(idle ? "idle for " + config.idleTimeout() : "ran for " + config.maxLifetime());
                LOG.infof("preview of %s stopped: %s", id, idle ? "idle" : "lifetime reached");
            }
        });
    }

    /** Apps a gateway killed before could not stop: their pid files name them. */
    private void stopLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(pidFile).trim());
                    ProcessHandle.of(pid).filter(p -> p.info().commandLine().map(c -> c.contains(SandboxCommand.GUARD))
                            .orElse(false)).ifPresent(p -> {
                                LOG.infof("stopping a preview left running by an earlier gateway (pid %d)", pid);
                                PreviewApp.kill(p);
                            });
                } catch (NumberFormatException | IOException ignored) {
                    // not a pid file of ours
                }
                Files.deleteIfExists(pidFile);
            }
        }
    }
}
