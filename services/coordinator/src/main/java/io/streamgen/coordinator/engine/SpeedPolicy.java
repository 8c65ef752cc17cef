package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.SpeedWatch;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.SwitchCause;
import java.util.Locale;
import java.util.Optional;

/**
 * The decision of "quality that follows speed", without Kafka: fed one role's statuses in order, it
 * says when the role's later tasks change model. Time is the statuses' own {@code at}, so a replay
 * (and a test) decides the same. Only STREAMING statuses with tokens count: a model thinking
 * before its first token is slow to start, not slow to stream, and first-token deadlines are the
 * agents' concern. A run is one task attempt's consecutive statuses; any other status ends it.
 */
final class SpeedPolicy {

    private SpeedPolicy() {
    }

    /** One status of the role; the switch to announce when this status completes a window. */
    static Optional<ModelSwitch> observe(SpeedRule rule, SpeedWatch watch, String role, String task,
            AgentState state, long tokens, double tokensPerSecond, String model, long at) {
        if (!task.equals(watch.task)) {
            watch.task = task;
            watch.since = -1;
        }
        boolean switched = watch.override != null;
        boolean counts = state == AgentState.STREAMING && tokens > 0
                // after a switch only the faster model's own tasks tell whether it has headroom
                && (!switched || watch.override.equals(model));
        boolean beyond = switched ? tokensPerSecond >= rule.headroom() * rule.floorTokensPerSecond()
                : tokensPerSecond < rule.floorTokensPerSecond();
        if (!counts || !beyond) {
            watch.since = -1;
            return Optional.empty();
        }
        if (watch.since < 0) {
            watch.since = at;
        }
        if (at - watch.since < rule.window().toMillis()) {
            return Optional.empty();
        }
        watch.since = -1;
        String window = Liveness.say(rule.window());
        if (!switched) {
            watch.override = rule.fasterModel();
            watch.slowModel = model;
            return Optional.of(ModelSwitch.newBuilder().setFromModel(model).setToModel(rule.fasterModel())
                    .setCause(SwitchCause.SLOW).setReason(role + ": " + rate(tokensPerSecond) + " tokens/s < floor "
                            + rate(rule.floorTokensPerSecond()) + " for " + window).build());
        }
        String back = watch.slowModel == null ? "" : watch.slowModel;
        watch.override = null;
        return Optional.of(ModelSwitch.newBuilder().setFromModel(model).setToModel(back)
                .setCause(SwitchCause.RECOVERED).setReason(role + ": " + rate(tokensPerSecond) + " tokens/s >= "
                        + rate(rule.headroom()) + " × floor " + rate(rule.floorTokensPerSecond()) + " for " + window)
                .build());
    }

    /** "12", "12.5": a rate as people read it. */
    static String rate(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
