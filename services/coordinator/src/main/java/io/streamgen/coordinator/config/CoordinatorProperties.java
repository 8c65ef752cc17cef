package io.streamgen.coordinator.config;

import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.SizeLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code streamgen.coordinator.*}: the engine's tunables (env overrides such as
 * {@code STREAMGEN_COORDINATOR_CHECKPOINT_EVERY_STATEMENTS} work by relaxed binding).
 */
@ConfigurationProperties("streamgen.coordinator")
public record CoordinatorProperties(@DefaultValue("1000") int maxHeldChunks,
        @DefaultValue("50") int checkpointEveryStatements, @DefaultValue("100") int metricsEveryChunks,
        @DefaultValue("256") int latencyWindow, @DefaultValue("60s") Duration taskDeadline,
        @DefaultValue("3") int maxAttempts, @DefaultValue("1s") Duration deadlineCheckInterval,
        @DefaultValue("1MB") DataSize maxFileSize, @DefaultValue("64MB") DataSize maxGenerationSize) {

    public EngineSettings engineSettings() {
        return new EngineSettings(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow,
                taskDeadline, maxAttempts, deadlineCheckInterval,
                new SizeLimits(maxFileSize.toBytes(), maxGenerationSize.toBytes()));
    }
}
