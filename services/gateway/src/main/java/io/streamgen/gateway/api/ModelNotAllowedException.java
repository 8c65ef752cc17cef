package io.streamgen.gateway.api;

import io.streamgen.schema.model.ModelChoice;
import java.util.List;

/** A request choosing a provider or model the operator does not allow: 422, with what is allowed. */
public class ModelNotAllowedException extends ProblemException {

    static final int STATUS = 422;
    static final String TITLE = "Unprocessable Content";

    private final transient List<String> allowedModels;

    ModelNotAllowedException(List<Problem.FieldError> refused, List<String> allowedModels) {
        super(STATUS, TITLE, "the request chooses models this gateway does not allow; allowed: "
                + String.join(", ", allowedModels) + " (streamgen.gateway.allowed-models)", refused);
        this.allowedModels = List.copyOf(allowedModels);
    }

    Problem problem(String instance) {
        return new Problem("about:blank", title(), status(), getMessage(), instance, errors(), allowedModels,
                ModelChoice.PROVIDERS);
    }
}
