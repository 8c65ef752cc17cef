package io.streamgen.coordinator.engine;

import java.util.Map;

/**
 * What a model's tokens cost, per million, by {@code provider:model}; the template model (the
 * offline default) and models without a price cost nothing.
 */
public record Prices(Map<String, Price> perModel, String currency) {

    public record Price(double inputPerMillion, double outputPerMillion) {
    }

    public Prices {
        perModel = Map.copyOf(perModel);
    }

    public static Prices none() {
        return new Prices(Map.of(), "USD");
    }

    public double cost(String model, long promptTokens, long outputTokens) {
        if (model == null || model.equals("template") || model.startsWith("template:")) {
            return 0.0;
        }
        Price price = perModel.get(model);
        return price == null ? 0.0
                : (promptTokens * price.inputPerMillion() + outputTokens * price.outputPerMillion()) / 1_000_000.0;
    }
}
