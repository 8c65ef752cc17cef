package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.AnalyticsTally;
import io.streamgen.coordinator.state.TaskState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.ContextReport;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.event.AnswerCached;
import io.streamgen.schema.event.ContextTrimmed;

/**
 * What an agent's status says beyond its state (issue 16): an answer from the response cache, a
 * context that did not fit, a model switched mid-task, the prompt's size. Each becomes its event
 * once per task attempt (a status repeats them; heartbeats may too), and counts in the analytics.
 */
final class StatusReports {

    /** Distinct switches announced per attempt; a failover list longer than this is not announced further. */
    static final int MAX_SWITCHES_PER_ATTEMPT = 8;

    private final SpeedGovernor speed;
    private final AnalyticsMetrics metrics;

    StatusReports(SpeedGovernor speed, AnalyticsMetrics metrics) {
        this.speed = speed;
        this.metrics = metrics;
    }

    void onStatus(GenerationContext ctx, TaskState task, AgentStatus status) {
        AnalyticsTally tally = ctx.state().analytics;
        if (status.getPromptTokens() > task.promptTokens) {
            // the prompt of an attempt is reported again on later statuses: count what is new
            tally.usage(task.role, status.getModel()).promptTokens += status.getPromptTokens() - task.promptTokens;
            task.promptTokens = status.getPromptTokens();
        }
        if (status.getCachedFrom() != null && task.reported.add("cache")) {
            tally.cacheHits++;
            metrics.cacheHit(task.role);
            ctx.emit(AnswerCached.newBuilder().setTaskId(task.taskId).setRole(task.role).setModel(status.getModel())
                    .setProvenance(status.getCachedFrom()).build());
        }
        ContextReport report = status.getContext();
        if (report != null && task.reported.add("context")) {
            long saved = Math.max(0, report.getWholeTokens() - report.getUsedTokens());
            tally.promptTokensSaved += saved;
            metrics.promptTokensSaved(task.role, saved);
            ctx.emit(ContextTrimmed.newBuilder().setTaskId(task.taskId).setRole(task.role).setReport(report).build());
        }
        ModelSwitch change = status.getModelSwitch();
        if (change != null && task.reported.size() < MAX_SWITCHES_PER_ATTEMPT + 2
                && task.reported.add("switch " + change.getFromModel() + ">" + change.getToModel())) {
            speed.announce(ctx, task.role, task.taskId, change);
        }
    }
}
