package io.streamgen.coordinator.config;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenTelemetry SDK the topology's spans go to, configured by the standard {@code OTEL_*}
 * environment variables (or {@code otel.*} system properties), as the Quarkus services map them:
 * off unless {@code OTEL_SDK_DISABLED=false}; traces only (metrics are Micrometer's, on
 * /actuator/prometheus); OTLP, over the JDK's HTTP client.
 */
@Configuration(proxyBeanMethods = false)
public class TracingSetup {

    /** Defaults only: any variable or system property that is set wins. */
    static final Map<String, String> DEFAULTS = Map.of(
            "otel.sdk.disabled", "true",
            "otel.service.name", "streamgen-coordinator",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.traces.exporter", "otlp");

    @Bean(destroyMethod = "close") // flushes the spans still batched
    OpenTelemetrySdk openTelemetry() {
        return AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> DEFAULTS)
                .disableShutdownHook().build().getOpenTelemetrySdk();
    }
}
