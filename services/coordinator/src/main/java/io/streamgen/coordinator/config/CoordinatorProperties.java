package io.streamgen.coordinator.config;

import io.streamgen.coordinator.engine.EngineSettings;
import io.streamgen.coordinator.engine.Prices;
import io.streamgen.coordinator.engine.SizeLimits;
import io.streamgen.coordinator.engine.SpeedRule;
import io.streamgen.schema.Role;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code streamgen.coordinator.*}: the engine's tunables (env overrides such as
 * {@code STREAMGEN_COORDINATOR_CHECKPOINT_EVERY_STATEMENTS} work by relaxed binding).
 *
 * @param speed per role ({@code speed.roles.ui.floor-tokens-per-second}, {@code .window},
 *        {@code .faster-model}, {@code .headroom}): a role without a floor keeps its model
 * @param prices per {@code provider:model} ({@code prices[openai:gpt-4o-mini].input-per-million}), for
 *        the analytics' cost estimates
 */
@ConfigurationProperties("streamgen.coordinator")
public record CoordinatorProperties(@DefaultValue("1000") int maxHeldChunks,
        @DefaultValue("50") int checkpointEveryStatements, @DefaultValue("100") int metricsEveryChunks,
        @DefaultValue("256") int latencyWindow, @DefaultValue("60s") Duration taskDeadline,
        @DefaultValue("3") int maxAttempts, @DefaultValue("1s") Duration deadlineCheckInterval,
        @DefaultValue("1MB") DataSize maxFileSize, @DefaultValue("64MB") DataSize maxGenerationSize,
        @DefaultValue Speed speed, Map<String, Price> prices, @DefaultValue("USD") String currency) {

    /** {@code streamgen.coordinator.speed.*}. */
    public record Speed(Map<String, RoleSpeed> roles) {
    }

    /** One role's floor; unset floor = off. */
    public record RoleSpeed(Double floorTokensPerSecond, @DefaultValue("10s") Duration window, String fasterModel,
            @DefaultValue("2.0") double headroom) {
    }

    public record Price(@DefaultValue("0") double inputPerMillion, @DefaultValue("0") double outputPerMillion) {
    }

    public EngineSettings engineSettings() {
        return new EngineSettings(maxHeldChunks, checkpointEveryStatements, metricsEveryChunks, latencyWindow,
                taskDeadline, maxAttempts, deadlineCheckInterval,
                new SizeLimits(maxFileSize.toBytes(), maxGenerationSize.toBytes()), speedRules(), priceTable());
    }

    /** The roles with a floor; a floor without a faster model is a mistake worth a failed start. */
    Map<Role, SpeedRule> speedRules() {
        Map<Role, SpeedRule> rules = new EnumMap<>(Role.class);
        if (speed == null || speed.roles() == null) {
            return rules;
        }
        speed.roles().forEach((name, role) -> {
            if (role.floorTokensPerSecond() == null) {
                return;
            }
            Role parsed;
            try {
                parsed = Role.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("streamgen.coordinator.speed.roles." + name + ": no such role");
            }
            rules.put(parsed, new SpeedRule(role.floorTokensPerSecond(), role.window(), role.fasterModel(),
                    role.headroom()));
        });
        return rules;
    }

    public Prices priceTable() {
        Map<String, Prices.Price> table = new LinkedHashMap<>();
        if (prices != null) {
            prices.forEach((model, price) -> table.put(model,
                    new Prices.Price(price.inputPerMillion(), price.outputPerMillion())));
        }
        return new Prices(table, currency);
    }
}
