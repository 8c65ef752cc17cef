package io.streamgen.gateway.api;

import io.streamgen.schema.model.ModelChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's allow-list of the models a request may choose ({@code streamgen.gateway.allowed-models},
 * the same list and rule, {@link ModelChoice}, the agents enforce): a request naming a provider no
 * agent can build, or a model the list does not hold, is refused here with 422 instead of failing
 * its task later.
 */
final class AllowedModels {

    private AllowedModels() {
    }

    /** The refused entries of a request's {@code models} map (role → {@code provider:model}), as field errors. */
    static List<Problem.FieldError> refused(Map<String, String> models, List<String> allowList) {
        List<Problem.FieldError> refused = new ArrayList<>();
        models.forEach((role, spec) -> {
            String field = "models." + role.toLowerCase(java.util.Locale.ROOT);
            ModelChoice choice = ModelChoice.parse(spec, "");
            if (!choice.knownProvider()) {
                refused.add(new Problem.FieldError(field, "provider '" + choice.provider() + "' is not one of "
                        + String.join(", ", ModelChoice.PROVIDERS)));
            } else if (!ModelChoice.allowed(choice, allowList)) {
                refused.add(new Problem.FieldError(field, choice + " is not among the models this operator allows"));
            }
        });
        return refused;
    }
}
