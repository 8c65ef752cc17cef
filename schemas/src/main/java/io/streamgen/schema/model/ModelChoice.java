package io.streamgen.schema.model;

import java.util.List;
import java.util.Locale;

/**
 * A request's choice of model, {@code provider:model}, and the operator's allow-list it is checked
 * against (by the gateway, which answers 422, and again by the agents, which fail the task). An
 * entry of the list is {@code provider:model}, {@code provider:*} or {@code *}.
 */
public record ModelChoice(String provider, String model) {

    /** Every provider an agent can build; a request naming another is refused whatever the allow-list says. */
    public static final List<String> PROVIDERS = List.of("template", "openai", "anthropic", "ollama", "replay");

    public ModelChoice {
        provider = provider.strip().toLowerCase(Locale.ROOT);
        model = model.strip();
    }

    /** {@code provider:model}, or a bare model name of {@code defaultProvider}. */
    public static ModelChoice parse(String spec, String defaultProvider) {
        int colon = spec.indexOf(':');
        return colon < 0 ? new ModelChoice(defaultProvider, spec) : new ModelChoice(spec.substring(0, colon), spec.substring(colon + 1));
    }

    public boolean knownProvider() {
        return PROVIDERS.contains(provider);
    }

    public static boolean allowed(ModelChoice choice, List<String> allowList) {
        for (String entry : allowList) {
            String e = entry.strip();
            if (e.equals("*")) {
                return true;
            }
            int colon = e.indexOf(':');
            String provider = colon < 0 ? e : e.substring(0, colon);
            String model = colon < 0 ? "*" : e.substring(colon + 1);
            if (provider.equalsIgnoreCase(choice.provider()) && (model.equals("*") || model.equals(choice.model()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
