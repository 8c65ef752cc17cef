package io.streamgen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllowedModelsTest {

    @Test
    void shouldAllowWhatTheListHoldsAndRefuseTheRest() {
        List<String> allowList = List.of("template:*", "openai:gpt-4o-mini");
        assertThat(AllowedModels.refused(Map.of("UI", "template:anything", "LOGIC", "openai:gpt-4o-mini"), allowList)).isEmpty();
        assertThat(AllowedModels.refused(Map.of("UI", "openai:gpt-5"), allowList))
                .containsExactly(new Problem.FieldError("models.ui", "openai:gpt-5 is not among the models this operator allows"));
        assertThat(AllowedModels.refused(Map.of("API", "OpenAI:gpt-4o-mini"), allowList)).as("provider names ignore case").isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownProviderEvenWhenEverythingIsAllowed() {
        assertThat(AllowedModels.refused(Map.of("UI", "bard:x"), List.of("*")))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("models.ui");
                    assertThat(error.message()).contains("'bard'", "template, openai, anthropic, ollama, replay");
                });
        assertThat(AllowedModels.refused(Map.of("UI", "replay:ci"), List.of("*"))).isEmpty();
    }
}
