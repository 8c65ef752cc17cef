package io.streamgen.agent.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which model an agent streams from. {@code provider} is one of {@code template} (offline,
 * default), {@code openai} (any OpenAI-compatible endpoint), {@code anthropic} or {@code ollama}.
 */
public record ModelSettings(String provider, String model, Optional<String> baseUrl, Optional<String> apiKey,
                            Duration timeout, double templateTokensPerSecond) {

    public ModelSettings {
        provider = provider.toLowerCase(Locale.ROOT).trim();
    }

    /** These settings with a task's {@code provider:model} (or bare model name) applied on top. */
    public ModelSettings overriddenBy(String spec) {
        if (spec == null || spec.isBlank()) {
            return this;
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new ModelSettings(provider, spec.trim(), baseUrl, apiKey, timeout, templateTokensPerSecond);
        }
        String newProvider = spec.substring(0, colon).trim();
        String newModel = spec.substring(colon + 1).trim();
        boolean sameProvider = newProvider.equalsIgnoreCase(provider);
        return new ModelSettings(newProvider, newModel, sameProvider ? baseUrl : Optional.empty(),
                sameProvider ? apiKey : Optional.empty(), timeout, templateTokensPerSecond);
    }

    /** The name reported on chunks and metrics, e.g. {@code openai:gpt-4o-mini}. */
    public String displayName() {
        return provider.equals("template") ? TemplateStreamingChatModel.MODEL_NAME : provider + ":" + model;
    }
}
