package io.streamgen.agent.prompt;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.ModelType;
import java.util.Locale;
import java.util.Optional;

/**
 * The tokenizer a model's prompt is counted with: the model family's own encoding where jtokkit
 * has it (OpenAI's models: {@code o200k_base} for the GPT-4o, 4.1, 5 and o-series families,
 * {@code cl100k_base} for GPT-4 and 3.5), otherwise {@code cl100k_base} as an approximation
 * (Claude, Llama, Qwen and the template model have their own vocabularies, which jtokkit does not
 * ship; cl100k counts within some 10–20 % of them on code), marked {@code exact = false}.
 */
public record ModelTokenizer(String name, Encoding encoding, boolean exact) {

    // lazy: each encoding's table (o200k is 3.6 MB) is loaded the first time a model needs it
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    public static final ModelTokenizer APPROXIMATE = of(EncodingType.CL100K_BASE, false);

    /** The tokenizer for a model's display name ({@code openai:gpt-4o-mini}, {@code anthropic:claude-…}, {@code template}). */
    public static ModelTokenizer forModel(String displayName) {
        return family(displayName).map(type -> of(type, true)).orElse(APPROXIMATE);
    }

    /** The context window jtokkit knows for an OpenAI model, if it knows the model. */
    public static Optional<Integer> knownContextWindow(String displayName) {
        return ModelType.fromName(modelPart(displayName)).map(ModelType::getMaxContextLength);
    }

    public int count(String text) {
        return encoding.countTokens(text);
    }

    static Optional<EncodingType> family(String displayName) {
        String model = modelPart(displayName);
        Optional<EncodingType> known = ModelType.fromName(model).map(ModelType::getEncodingType);
        if (known.isPresent()) {
            return known;
        }
        if (model.startsWith("gpt-4o") || model.startsWith("gpt-4.1") || model.startsWith("gpt-4.5")
                || model.startsWith("gpt-5") || model.startsWith("chatgpt-4o") || model.matches("o[1-9](-.*)?")) {
            return Optional.of(EncodingType.O200K_BASE);
        }
        if (model.startsWith("gpt-4") || model.startsWith("gpt-3.5")) {
            return Optional.of(EncodingType.CL100K_BASE);
        }
        return Optional.empty();
    }

    private static String modelPart(String displayName) {
        String name = displayName == null ? "" : displayName.trim().toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        // only OpenAI's own names identify a tokenizer; an "openai:" prefix may front any compatible server
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static ModelTokenizer of(EncodingType type, boolean exact) {
        return new ModelTokenizer(type.getName() + (exact ? "" : " (approximation)"), REGISTRY.getEncoding(type), exact);
    }
}
