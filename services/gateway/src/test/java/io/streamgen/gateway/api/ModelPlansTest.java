package io.streamgen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.EnsemblePolicy;
import io.streamgen.schema.ModelPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPlansTest {

    private static GenerationRequestBody.ModelPlanBody plan(List<String> fallbacks, List<String> ensemble, String policy) {
        return new GenerationRequestBody.ModelPlanBody(fallbacks, ensemble, policy);
    }

    @Test
    void shouldTurnAWellFormedPlanIntoTheRecordKeyedByRole() {
        List<Problem.FieldError> errors = new ArrayList<>();

        Map<String, ModelPlan> plans = ModelPlans.parse(Map.of(
                "logic", plan(List.of("openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5"), null, null),
                "UI", plan(null, List.of("openai:gpt-4o"), "race")), errors);

        assertThat(errors).isEmpty();
        assertThat(plans.get("LOGIC").getFallbacks()).containsExactly("openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5");
        assertThat(plans.get("LOGIC").getPolicy()).isEqualTo(EnsemblePolicy.FIRST_VALID);
        assertThat(plans.get("UI").getEnsemble()).containsExactly("openai:gpt-4o");
        assertThat(plans.get("UI").getPolicy()).isEqualTo(EnsemblePolicy.RACE);
    }

    @Test
    void shouldReportEveryMalformedEntryAsAFieldError() {
        List<Problem.FieldError> errors = new ArrayList<>();

        ModelPlans.parse(Map.of(
                "painter", plan(List.of("openai:a"), null, null),
                "api", plan(Arrays.asList("gpt-4o", null), List.of("openai:a", "openai:a"), "majority"),
                "logic", plan(List.of(), List.of(), null),
                "ui", plan(List.of("openai:a", "openai:b", "openai:c", "openai:d", "openai:e"), null, null)), errors);

        assertThat(errors).extracting(Problem.FieldError::field).containsExactlyInAnyOrder(
                "modelPlans.painter", "modelPlans.api.fallbacks[0]", "modelPlans.api.fallbacks[1]",
                "modelPlans.api.ensemble[1]", "modelPlans.api.policy", "modelPlans.logic", "modelPlans.ui.fallbacks");
        assertThat(errors).filteredOn(e -> e.field().equals("modelPlans.api.policy"))
                .singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("must be first-valid or race"));
    }

    @Test
    void shouldRefuseAPlansModelTheAllowListDoesNotHold() {
        Map<String, ModelPlan> plans = ModelPlans.parse(Map.of("ui", plan(List.of("openai:gpt-4o-mini", "openai:gpt-5"),
                List.of("bard:x"), null)), new ArrayList<>());

        assertThat(ModelPlans.refused(plans, List.of("openai:gpt-4o-mini"))).containsExactly(
                new Problem.FieldError("modelPlans.ui.fallbacks[1]", "openai:gpt-5 is not among the models this operator allows"),
                new Problem.FieldError("modelPlans.ui.ensemble[0]",
                        "provider 'bard' is not one of template, openai, anthropic, ollama, replay"));
        Map<String, ModelPlan> allowed = ModelPlans.parse(Map.of("ui", plan(List.of("OpenAI:gpt-4o-mini"), null, null)),
                new ArrayList<>());
        assertThat(ModelPlans.refused(allowed, List.of("openai:gpt-4o-mini"))).as("provider names ignore case").isEmpty();
    }
}
