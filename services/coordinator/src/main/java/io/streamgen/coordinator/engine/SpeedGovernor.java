package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.SpeedWatch;
import io.streamgen.coordinator.state.TaskState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.ModelChanged;
import java.util.Map;
import java.util.Optional;

/**
 * Quality that follows speed (issue 16, item 3): watches the roles that have a {@link SpeedRule},
 * moves a generation's not yet issued tasks of a slow role to the rule's faster model and back when
 * it has headroom, and announces each change as a {@code ModelChanged} without a task id. The
 * faster model is still subject to the agents' allow-list: the operator must allow it there.
 */
final class SpeedGovernor {

    private final Map<Role, SpeedRule> rules;
    private final AnalyticsMetrics metrics;

    SpeedGovernor(Map<Role, SpeedRule> rules, AnalyticsMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    void observe(GenerationContext ctx, TaskState task, AgentStatus status) {
        SpeedRule rule = rules.get(task.role);
        if (rule == null) {
            return;
        }
        SpeedWatch watch = ctx.state().speed.computeIfAbsent(task.role, r -> new SpeedWatch());
        Optional<ModelSwitch> change = SpeedPolicy.observe(rule, watch, PhasePlan.lower(task.role),
                task.taskId + "#" + task.attempt, status.getState(), status.getTokens(), status.getTokensPerSecond(),
                status.getModel(), status.getAt().toEpochMilli());
        change.ifPresent(c -> announce(ctx, task.role, null, c));
    }

    /** The model a task of {@code role} is issued with: the faster one while the role is switched. */
    String modelFor(GenerationContext ctx, Role role) {
        SpeedWatch watch = ctx.state().speed.get(role);
        return watch != null && watch.override != null ? watch.override : ctx.request().getModels().get(role.name());
    }

    /** Publishes a model change (of a task, or with {@code taskId} null of the role's later tasks) and counts it. */
    void announce(GenerationContext ctx, Role role, String taskId, ModelSwitch change) {
        ctx.state().analytics.modelChanges++;
        metrics.modelChanged(role, change.getCause());
        ctx.emit(ModelChanged.newBuilder().setRole(role).setTaskId(taskId).setChange(change).build());
    }
}
