package io.streamgen.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.SpeedRule;
import io.streamgen.schema.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The speed floors and prices bind from the environment as the READMEs say. */
class CoordinatorPropertiesTest {

    @Test
    void givenEnvironmentVariables_thenTheUiFloorBinds() {
        EngineSettings settings = bind(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of( // Spring maps env names by this suffix
                "STREAMGEN_COORDINATOR_SPEED_ROLES_UI_FLOORTOKENSPERSECOND", "40",
                "STREAMGEN_COORDINATOR_SPEED_ROLES_UI_WINDOW", "15s",
                "STREAMGEN_COORDINATOR_SPEED_ROLES_UI_FASTERMODEL", "openai:gpt-4o-mini")));

        assertThat(settings.speed()).containsExactly(
                Map.entry(Role.UI, new SpeedRule(40, Duration.ofSeconds(15), "openai:gpt-4o-mini", 2.0)));
    }

    @Test
    void givenPricesInSpringApplicationJson_thenTheColonInTheModelSurvives() {
        StandardEnvironment environment = environment(new MapPropertySource("json", Map.of("spring.application.json",
                "{\"streamgen.coordinator.prices\":{\"[openai:gpt-4o-mini]\":{\"input-per-million\":0.15,"
                        + "\"output-per-million\":0.6}}}")));
        new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        EngineSettings settings = bind(environment);
        assertThat(settings.prices().cost("openai:gpt-4o-mini", 1_000_000, 1_000_000)).isEqualTo(0.75);
        assertThat(settings.prices().cost("template", 1_000_000, 1_000_000)).isZero();
    }

    @Test
    void givenAFloorWithoutAFasterModel_thenTheCoordinatorRefusesToStart() {
        assertThatThrownBy(() -> bind(new MapPropertySource("props", Map.of(
                "streamgen.coordinator.speed.roles.api.floor-tokens-per-second", "30"))).speed())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a faster model");
    }

    private static EngineSettings bind(org.springframework.core.env.PropertySource<?> source) {
        return bind(environment(source));
    }

    private static EngineSettings bind(StandardEnvironment environment) {
        return Binder.get(environment).bind("streamgen.coordinator", CoordinatorProperties.class)
                .map(CoordinatorProperties::engineSettings).get();
    }

    private static StandardEnvironment environment(org.springframework.core.env.PropertySource<?> source) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(source);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
