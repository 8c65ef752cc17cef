package io.streamgen.agent.prompt;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ModelContext} of each model: its window from configuration
 * ({@code streamgen.llm.context-windows."openai:gpt-4o"=128000}, or {@code "provider:*"}), else
 * the window jtokkit knows for OpenAI's own models, else the default window; its tokenizer from
 * its family ({@link ModelTokenizer}).
 */
public final class ModelContexts {

    private final Map<String, Integer> windows;
    private final int defaultWindow;
    private final int answerReserve;
    private final int contextCap;
    private final Map<String, ModelContext> resolved = new ConcurrentHashMap<>();

    public ModelContexts(Map<String, Integer> windows, int defaultWindow, int answerReserve, int contextCap) {
        this.windows = new LinkedHashMap<>();
        windows.forEach((k, v) -> this.windows.put(k.trim().toLowerCase(Locale.ROOT), v));
        this.defaultWindow = defaultWindow;
        this.answerReserve = answerReserve;
        this.contextCap = contextCap;
    }

    /** Every model gets {@code contextCap} tokens of context, counted with cl100k (tests, tools). */
    public static ModelContexts fixed(int contextCap) {
        return new ModelContexts(Map.of(), Integer.MAX_VALUE / 2, 0, contextCap);
    }

    public ModelContext of(String displayName) {
        String name = displayName == null ? "" : displayName;
        return resolved.computeIfAbsent(name, n -> new ModelContext(n, window(n), answerReserve, contextCap,
                ModelTokenizer.forModel(n)));
    }

    private int window(String displayName) {
        String name = displayName.trim().toLowerCase(Locale.ROOT);
        Integer exact = windows.get(name);
        if (exact != null) {
            return exact;
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            Integer provider = windows.get(name.substring(0, colon) + ":*");
            if (provider != null) {
                return provider;
            }
        }
        Optional<Integer> known = ModelTokenizer.knownContextWindow(name);
        return known.orElse(defaultWindow);
    }
}
