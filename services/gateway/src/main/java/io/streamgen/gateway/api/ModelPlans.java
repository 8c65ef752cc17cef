package io.streamgen.gateway.api;

import io.streamgen.schema.EnsemblePolicy;
import io.streamgen.schema.ModelPlan;
import io.streamgen.schema.Role;
import io.streamgen.schema.model.ModelChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A request's {@code modelPlans} (role → fallbacks, ensemble, policy) checked and turned into
 * {@link ModelPlan}s: malformed entries are field errors (400); every model a plan names must pass
 * the same allow-list as {@code models} (422), since each one is a model the request chooses.
 */
final class ModelPlans {

    /** More models than this per list is a cost no one meant; the agents stream an ensemble's members at once. */
    static final int MAX_MODELS = 4;
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9_.-]{1,64}:[^\\s]{1,200}");

    private ModelPlans() {
    }

    static Map<String, ModelPlan> parse(Map<String, GenerationRequestBody.ModelPlanBody> body,
                                        List<Problem.FieldError> errors) {
        Map<String, ModelPlan> plans = new TreeMap<>();
        if (body == null) {
            return plans;
        }
        body.forEach((roleName, plan) -> {
            String field = "modelPlans." + roleName;
            Role role = role(roleName, field, errors);
            if (plan == null) {
                errors.add(new Problem.FieldError(field, "must be an object with fallbacks, ensemble and policy"));
                return;
            }
            List<String> fallbacks = models(plan.fallbacks(), field + ".fallbacks", errors);
            List<String> ensemble = models(plan.ensemble(), field + ".ensemble", errors);
            EnsemblePolicy policy = policy(plan.policy(), field + ".policy", errors);
            if (fallbacks.isEmpty() && ensemble.isEmpty()) {
                errors.add(new Problem.FieldError(field, "names no fallback and no ensemble member"));
            }
            if (role != null) {
                plans.put(role.name(), ModelPlan.newBuilder().setFallbacks(fallbacks).setEnsemble(ensemble)
                        .setPolicy(policy).build());
            }
        });
        return plans;
    }

    /** The plans' models the operator does not allow, as field errors (the request is then refused with 422). */
    static List<Problem.FieldError> refused(Map<String, ModelPlan> plans, List<String> allowList) {
        List<Problem.FieldError> refused = new ArrayList<>();
        plans.forEach((role, plan) -> {
            String field = "modelPlans." + role.toLowerCase(Locale.ROOT);
            check(plan.getFallbacks(), field + ".fallbacks", allowList, refused);
            check(plan.getEnsemble(), field + ".ensemble", allowList, refused);
        });
        return refused;
    }

    private static void check(List<String> specs, String field, List<String> allowList, List<Problem.FieldError> refused) {
        for (int i = 0; i < specs.size(); i++) {
            ModelChoice choice = ModelChoice.parse(specs.get(i), "");
            String at = field + "[" + i + "]";
            if (!choice.knownProvider()) {
                refused.add(new Problem.FieldError(at, "provider '" + choice.provider() + "' is not one of "
                        + String.join(", ", ModelChoice.PROVIDERS)));
            } else if (!ModelChoice.allowed(choice, allowList)) {
                refused.add(new Problem.FieldError(at, choice + " is not among the models this operator allows"));
            }
        }
    }

    private static List<String> models(List<String> given, String field, List<Problem.FieldError> errors) {
        List<String> models = new ArrayList<>();
        if (given == null) {
            return models;
        }
        if (given.size() > MAX_MODELS) {
            errors.add(new Problem.FieldError(field, "names " + given.size() + " models; at most " + MAX_MODELS));
        }
        for (int i = 0; i < given.size(); i++) {
            String spec = given.get(i);
            if (spec == null || !MODEL.matcher(spec).matches()) {
                errors.add(new Problem.FieldError(field + "[" + i + "]",
                        "must be provider:model (e.g. openai:gpt-4o-mini), provider one of "
                                + String.join(", ", ModelChoice.PROVIDERS)));
            } else if (models.contains(spec)) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "repeats " + spec));
            } else {
                models.add(spec);
            }
        }
        return models;
    }

    private static EnsemblePolicy policy(String text, String field, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return EnsemblePolicy.FIRST_VALID;
        }
        try {
            return EnsemblePolicy.valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "must be first-valid or race"));
            return EnsemblePolicy.FIRST_VALID;
        }
    }

    private static Role role(String name, String field, List<Problem.FieldError> errors) {
        try {
            return Role.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "is not a role; roles are " + List.of(Role.values())));
            return null;
        }
    }
}
