package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.TaskStage;
import io.streamgen.coordinator.state.TaskState;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.event.TaskStateChanged;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * DESIGN §5 Deadlines: a released task whose current attempt shows no sign of life (a chunk or a
 * status) within the deadline is issued again as the next attempt; after the last allowed silent
 * attempt it fails, and with it the generation unless its role is optional. Paused tasks (by the
 * user or reported PAUSED by their agent) are not timed: their clock starts again on resume. Times
 * are the coordinator's wall clock, never record timestamps, so that a backlog read after a restart
 * is not mistaken for silence.
 */
final class Liveness {

    private final Duration deadline;
    private final int maxAttempts;
    private final Orchestrator orchestrator;

    Liveness(EngineSettings settings, Orchestrator orchestrator) {
        this.deadline = settings.taskDeadline();
        this.maxAttempts = settings.maxAttempts();
        this.orchestrator = orchestrator;
    }

    /**
     * When the generation next needs a look: the earliest time a watched task may fall silent past
     * its deadline, counting no silence before {@code watchingSince} (when this instance took the
     * generation over). Empty when none of its tasks can time out (ended, paused, nothing released).
     */
    OptionalLong nextCheck(GenerationState state, long watchingSince) {
        if (!state.status.accepting()) {
            return OptionalLong.empty();
        }
        return state.tasks.values().stream().filter(t -> watched(state, t))
                .mapToLong(t -> Math.max(t.lastLifeAt, watchingSince) + deadline.toMillis()).min();
    }

    /** Re-issues or fails every watched task silent for the deadline or longer at {@code ctx.now()}. */
    void check(GenerationContext ctx, long watchingSince) {
        GenerationState state = ctx.state();
        for (TaskState task : List.copyOf(state.tasks.values())) {
            if (!state.status.accepting()) {
                return;
            }
            if (!watched(state, task) || ctx.now() - Math.max(task.lastLifeAt, watchingSince) < deadline.toMillis()) {
                continue;
            }
            task.silentAttempts++;
            String silence = "no sign of life for " + say(deadline);
            if (task.silentAttempts >= maxAttempts) {
                String why = silence + " in " + task.silentAttempts + (task.silentAttempts == 1 ? " attempt" : " attempts");
                silent(ctx, task, why);
                orchestrator.taskFailed(ctx, task, "task " + task.taskId + " had " + why);
            } else {
                silent(ctx, task, silence + "; issued again as attempt " + (task.attempt + 1));
                orchestrator.reissue(ctx, task);
            }
        }
    }

    /** After a resume every released task gets a whole deadline again. */
    static void restartClocks(GenerationContext ctx) {
        ctx.state().tasks.values().stream().filter(t -> t.stage == TaskStage.RELEASED)
                .forEach(t -> t.lastLifeAt = Math.max(t.lastLifeAt, ctx.wallClock()));
    }

    private static boolean watched(GenerationState state, TaskState task) {
        return task.stage == TaskStage.RELEASED && !state.paused(task.role) && task.agentState != AgentState.PAUSED;
    }

    private static void silent(GenerationContext ctx, TaskState task, String error) {
        ctx.emit(TaskStateChanged.newBuilder().setTaskId(task.taskId).setRole(task.role).setPhase(task.phase)
                .setAttempt(task.attempt).setState(AgentState.FAILED).setTokens(task.tokens)
                .setTokensPerSecond(0.0).setError(error).build());
    }

    /** "60 s", "1.5 s", "250 ms": as a person reads a deadline. */
    static String say(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
