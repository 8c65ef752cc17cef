package io.streamgen.agent.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which model an agent streams from. {@code provider} is one of {@code template} (offline,
 * default), {@code openai} (any OpenAI-compatible endpoint), {@code anthropic}, {@code ollama} or
 * {@code replay} (recordings from {@code replayDir}, paced by {@code replaySpeed}).
 */
public record ModelSettings(String provider, String model, Optional<String> baseUrl, Optional<String> apiKey,
                            Duration timeout, double templateTokensPerSecond, Optional<Path> replayDir,
                            ReplaySpeed replaySpeed) {

    public ModelSettings {
        provider = provider.toLowerCase(Locale.ROOT).trim();
        replayDir = replayDir == null ? Optional.empty() : replayDir;
        replaySpeed = replaySpeed == null ? ReplaySpeed.ORIGINAL : replaySpeed;
    }

    /** Settings of a live or template model (no replay directory). */
    public ModelSettings(String provider, String model, Optional<String> baseUrl, Optional<String> apiKey,
                         Duration timeout, double templateTokensPerSecond) {
        this(provider, model, baseUrl, apiKey, timeout, templateTokensPerSecond, Optional.empty(), ReplaySpeed.ORIGINAL);
    }

    /** These settings with a task's {@code provider:model} (or bare model name) applied on top. */
    public ModelSettings overriddenBy(String spec) {
        if (spec == null || spec.isBlank()) {
            return this;
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new ModelSettings(provider, spec.trim(), baseUrl, apiKey, timeout, templateTokensPerSecond,
                    replayDir, replaySpeed);
        }
        String newProvider = spec.substring(0, colon).trim();
        String newModel = spec.substring(colon + 1).trim();
        boolean sameProvider = newProvider.equalsIgnoreCase(provider);
        return new ModelSettings(newProvider, newModel, sameProvider ? baseUrl : Optional.empty(),
                sameProvider ? apiKey : Optional.empty(), timeout, templateTokensPerSecond, replayDir, replaySpeed);
    }

    /** The name reported on chunks and metrics, e.g. {@code openai:gpt-4o-mini}, {@code replay:<dir name>}. */
    public String displayName() {
        return switch (provider) {
            case "template" -> TemplateStreamingChatModel.MODEL_NAME;
            case "replay" -> "replay:" + replayDir.map(ModelSettings::dirName).orElse("?");
            default -> provider + ":" + model;
        };
    }

    private static String dirName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }
}
