package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.GenerationState;
import io.streamgen.coordinator.state.StoredSize;
import io.streamgen.coordinator.state.GenerationStatus;
import io.streamgen.coordinator.state.Requirement;
import io.streamgen.coordinator.state.TaskStage;
import io.streamgen.coordinator.state.TaskState;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ContextEntry;
import io.streamgen.schema.ContextKind;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.event.BusMessage;
import io.streamgen.schema.event.GenerationAnalytics;
import io.streamgen.schema.event.GenerationCompleted;
import io.streamgen.schema.event.GenerationFailed;
import io.streamgen.schema.event.GenerationStarted;
import io.streamgen.schema.event.PhaseChanged;
import io.streamgen.schema.event.PhaseState;
import io.streamgen.schema.event.TaskStateChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-generation state machine (DESIGN §5 Orchestration): phases in order, tasks per role at
 * once or one after another, requirements announced on the bus, tasks for requirements nobody
 * provides, and the end of a phase when all its tasks are done.
 */
public final class Orchestrator {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Orchestrator.class);

    private final Checkpointer checkpointer;
    private final Metrics metrics;
    private final SizeLimits limits;
    private final SpeedGovernor speed;
    private final StatusReports reports;
    private final AnalyticsMetrics analyticsMetrics;
    private final Prices prices;

    Orchestrator(Checkpointer checkpointer, Metrics metrics, EngineSettings settings, AnalyticsMetrics analyticsMetrics) {
        this.checkpointer = checkpointer;
        this.metrics = metrics;
        this.limits = settings.limits();
        this.analyticsMetrics = analyticsMetrics;
        this.prices = settings.prices();
        this.speed = new SpeedGovernor(settings.speed(), analyticsMetrics);
        this.reports = new StatusReports(speed, analyticsMetrics);
    }

    void start(GenerationContext ctx) {
        begin(ctx);
        startPhase(ctx, 0);
    }

    /** Announces the generation and its phases, none started yet. */
    void begin(GenerationContext ctx) {
        GenerationState state = ctx.state();
        GenerationRequested request = ctx.request();
        state.phases = PhasePlan.phases(request.getFlags());
        state.startedAt = ctx.now();
        ctx.emit(GenerationStarted.newBuilder().setPrompt(request.getPrompt()).setTargetStack(request.getTargetStack())
                .setFlags(request.getFlags()).setMergeStrategy(request.getMergeStrategy()).setPhases(state.phases)
                .setRequestedBy(request.getRequestedBy()).setRequestedAt(request.getRequestedAt()).build());
    }

    /** Starts phase {@code index} (or completes the generation after the last one). */
    void startPhase(GenerationContext ctx, int index) {
        GenerationState state = ctx.state();
        state.phaseIndex = index;
        state.phaseStartedAt = ctx.now();
        Optional<Phase> phase = state.currentPhase();
        if (phase.isEmpty()) {
            complete(ctx);
            return;
        }
        ctx.emit(PhaseChanged.newBuilder().setPhase(phase.get()).setState(PhaseState.STARTED).build());
        for (Role role : PhasePlan.roles(phase.get(), ctx.flags())) {
            TaskState task = plan(ctx, PhasePlan.taskId(phase.get(), role), phase.get(), role);
            task.alongside = PhasePlan.alongside(phase.get(), role);
        }
        advance(ctx);
    }

    private TaskState plan(GenerationContext ctx, String taskId, Phase phase, Role role) {
        GenerationState state = ctx.state();
        int attempt = state.attempts.getOrDefault(taskId, 0) + 1;
        state.attempts.put(taskId, attempt);
        TaskState task = new TaskState(taskId, role, phase, attempt);
        task.dependsOn.addAll(unprovidedRequiredBy(state, role));
        if (state.tasks.remove(taskId) != null) {
            ctx.files().dropOutputs(taskId); // what the task it replaces kept
        }
        state.tasks.put(taskId, task);
        return task;
    }

    /**
     * Releases what may start, completes the phase when every task is done, and creates tasks for
     * requirements nobody provided when nothing else can move.
     */
    void advance(GenerationContext ctx) {
        GenerationState state = ctx.state();
        boolean parallel = ctx.flags().getParallel();
        if (state.seeding != null) {
            return; // no phase runs before the checkpoint it is re-derived from has come
        }
        while (state.status.accepting()) {
            Optional<Phase> current = state.currentPhase();
            if (current.isEmpty()) {
                return;
            }
            List<TaskState> tasks = state.tasksOf(current.get());
            boolean turnTaken = false;
            for (TaskState task : tasks) {
                boolean takesTurn = !parallel && !task.alongside;
                if (task.stage == TaskStage.RELEASED) {
                    turnTaken |= takesTurn;
                    continue;
                }
                if (!task.stage.unreleased() || (takesTurn && turnTaken)) {
                    continue;
                }
                turnTaken |= takesTurn;
                if (!unmet(state, task).isEmpty()) {
                    task.stage = TaskStage.WAITING;
                } else if (!state.paused(task.role)) {
                    release(ctx, task);
                }
            }
            if (tasks.stream().allMatch(t -> t.stage.finished())) {
                if (provideMissing(ctx, current.get())) {
                    continue;
                }
                if (state.status.accepting()) {
                    completePhase(ctx, current.get());
                }
                return;
            }
            // nothing runs, something waits for a requirement, and no task is merely held by a pause
            boolean stuck = tasks.stream().noneMatch(t -> t.stage == TaskStage.RELEASED)
                    && tasks.stream().anyMatch(t -> t.stage == TaskStage.WAITING)
                    && tasks.stream().noneMatch(t -> t.stage.unreleased() && state.paused(t.role));
            if (stuck && provideMissing(ctx, current.get())) {
                continue;
            }
            if (stuck && state.status.accepting()) {
                fail(ctx, "tasks " + waitingSummary(state, tasks) + " wait for requirements nobody can provide",
                        false);
            }
            return;
        }
    }

    /**
     * Creates a task for each role that owns requirements nobody provided. Returns true when a
     * task was created (the caller looks again); fails the generation when a requirement cannot be
     * met: no role owns its prefix, the roles wait on each other, or its dedicated task did not
     * provide it.
     */
    private boolean provideMissing(GenerationContext ctx, Phase phase) {
        GenerationState state = ctx.state();
        List<Requirement> missing = state.requirements.values().stream().filter(r -> !r.provided).toList();
        if (missing.isEmpty()) {
            return false;
        }
        Map<Role, List<String>> byOwner = new TreeMap<>();
        for (Requirement requirement : missing) {
            Optional<Role> owner = Requirement.owner(requirement.name);
            if (owner.isEmpty()) {
                fail(ctx, "requirement " + requirement.name + " cannot be met: no role owns its prefix", false);
                return false;
            }
            byOwner.computeIfAbsent(owner.get(), r -> new ArrayList<>()).add(requirement.name);
        }
        Optional<String> cycle = RequirementGraph.of(missing).cycle();
        if (cycle.isPresent()) {
            fail(ctx, "dependency cycle: " + cycle.get(), false);
            return false;
        }
        boolean created = false;
        for (Map.Entry<Role, List<String>> entry : byOwner.entrySet()) {
            String providerId = PhasePlan.providerTaskId(phase, entry.getKey());
            TaskState existing = state.tasks.get(providerId);
            if (existing != null && existing.phase == phase) {
                if (existing.stage.finished()) {
                    fail(ctx, "requirement " + String.join(", ", entry.getValue()) + " cannot be met: "
                            + providerId + " finished without providing it", false);
                    return false;
                }
                continue;
            }
            TaskState provider = plan(ctx, providerId, phase, entry.getKey());
            provider.provider = true;
            provider.alongside = true;
            provider.provides.addAll(entry.getValue());
            created = true;
        }
        return created;
    }

    private void completePhase(GenerationContext ctx, Phase phase) {
        GenerationState state = ctx.state();
        state.phaseMillis.put(phase, ctx.now() - state.phaseStartedAt);
        ctx.emit(PhaseChanged.newBuilder().setPhase(phase).setState(PhaseState.COMPLETED).build());
        checkpointer.take(ctx, phase, "after " + PhasePlan.lower(phase), state.phaseIndex + 1);
        if (ctx.flags().getVerbose()) {
            metrics.snapshot(ctx);
        }
        startPhase(ctx, state.phaseIndex + 1);
    }

    /** Skips the current phase (an optional role failed) with a warning and moves on. */
    private void skipPhase(GenerationContext ctx, Phase phase, String warning) {
        GenerationState state = ctx.state();
        state.tasksOf(phase).forEach(t -> {
            if (!t.stage.finished()) {
                t.stage = TaskStage.SKIPPED;
            }
        });
        state.phaseMillis.put(phase, ctx.now() - state.phaseStartedAt);
        ctx.emit(PhaseChanged.newBuilder().setPhase(phase).setState(PhaseState.SKIPPED).setMessage(warning).build());
        startPhase(ctx, state.phaseIndex + 1);
    }

    private void complete(GenerationContext ctx) {
        GenerationState state = ctx.state();
        List<String> unparsable = ProjectCheck.unparsable(ctx.files());
        if (!unparsable.isEmpty()) {
            // "completed" means the project is whole: the files stay readable, the generation says what is broken
            metrics.unparsable(unparsable.size());
            failUnparsable(ctx, unparsable);
            return;
        }
        state.status = GenerationStatus.COMPLETED;
        Map<String, Long> tokens = new TreeMap<>();
        state.tokensByRole.forEach((role, count) -> tokens.put(role.name(), count));
        Map<String, Long> millis = new LinkedHashMap<>();
        state.phaseMillis.forEach((phase, ms) -> millis.put(phase.name(), ms));
        if (ctx.flags().getVerbose()) {
            metrics.snapshot(ctx);
        }
        emitAnalytics(ctx, "completed");
        ctx.emit(GenerationCompleted.newBuilder().setFiles(ctx.files().paths().stream().sorted().toList())
                .setTokensByRole(tokens).setPhaseMillis(millis).setConflicts(state.conflicts)
                .setDurationMillis(ctx.now() - state.startedAt)
                .setLastCheckpointId(state.lastCheckpointId == 0 ? null : state.lastCheckpointId).build());
    }

    private void failUnparsable(GenerationContext ctx, List<String> unparsable) {
        GenerationState state = ctx.state();
        state.status = GenerationStatus.FAILED;
        String reason = unparsable.size() + (unparsable.size() == 1 ? " file does" : " files do") + " not parse: "
                + String.join("; ", unparsable);
        emitAnalytics(ctx, "failed");
        ctx.emit(GenerationFailed.newBuilder().setReason(reason).setCancelled(false).setPhase(null)
                .setUnparsable(unparsable).build());
    }

    void fail(GenerationContext ctx, String reason, boolean cancelled) {
        GenerationState state = ctx.state();
        Phase phase = state.currentPhase().orElse(null);
        state.status = cancelled ? GenerationStatus.CANCELLED : GenerationStatus.FAILED;
        emitAnalytics(ctx, cancelled ? "cancelled" : "failed");
        ctx.emit(GenerationFailed.newBuilder().setReason(reason).setCancelled(cancelled).setPhase(phase).build());
    }

    /**
     * The generation's analytics, just before its last event: measured to now and kept in its state,
     * where the query reads the same figures afterwards.
     */
    private void emitAnalytics(GenerationContext ctx, String outcome) {
        GenerationState state = ctx.state();
        state.analytics.endedAt = ctx.now();
        GenerationAnalytics analytics = AnalyticsReport.of(state, prices, ctx.now());
        analyticsMetrics.ended(analytics, outcome);
        ctx.emit(analytics);
    }

    private void release(GenerationContext ctx, TaskState task) {
        GenerationState state = ctx.state();
        GenerationRequested request = ctx.request();
        task.stage = TaskStage.RELEASED;
        task.lastLifeAt = ctx.wallClock(); // the deadline counts from here
        ctx.outbox().task(AgentTask.newBuilder().setGenerationId(ctx.id()).setTaskId(task.taskId)
                .setAttempt(task.attempt).setPhase(task.phase).setRole(task.role)
                .setInstructions(instructions(state, task)).setPrompt(request.getPrompt())
                .setTargetStack(request.getTargetStack()).setBlueprint(request.getBlueprint())
                .setContext(context(ctx, task)).setDependsOn(List.copyOf(task.dependsOn))
                .setBufferSize(ctx.flags().getBufferSize()).setModel(speed.modelFor(ctx, task.role))
                .setPlan(request.getModelPlans().get(task.role.name())).setCache(request.getCache())
                .setDerivedFrom(request.getDerivedFrom())
                .setCreatedAt(Instant.ofEpochMilli(ctx.now())).build());
    }

    private static String instructions(GenerationState state, TaskState task) {
        StringBuilder text = new StringBuilder(PhasePlan.instructions(task.phase, task.role));
        if (task.provider) {
            text.append("\nProvide, and announce each with PROVIDES on the bus: ")
                    .append(String.join(", ", task.provides)).append('.');
        }
        for (String key : List.of("*", task.role.name())) {
            String steering = state.steering.get(key);
            if (steering != null) {
                text.append("\nSteering: ").append(steering);
            }
        }
        return text.toString();
    }

    /**
     * Signatures, contracts and components from the bus; whole files only for tasks that edit them
     * (their own, or all). Within {@link SizeLimits#taskContextBytes()}, so that the task record
     * fits its topic however big the generation: what does not fit is left out (the agent's own
     * prompt budget is far smaller anyway).
     */
    private List<ContextEntry> context(GenerationContext ctx, TaskState task) {
        List<ContextEntry> entries = new ArrayList<>();
        long[] budget = {limits.taskContextBytes()};
        int[] left = {0};
        ctx.state().context.values().forEach(item -> {
            long size = StoredSize.of(item.name) + StoredSize.of(item.text) + 8;
            if (size <= budget[0]) {
                budget[0] -= size;
                entries.add(ContextEntry.newBuilder().setKind(item.kind).setName(item.name).setText(item.text).build());
            } else {
                left[0]++;
            }
        });
        boolean editsEverything = task.phase == Phase.OPTIMIZE || task.phase == Phase.TEST;
        ctx.files().forEach((path, file) -> {
            // a role in a later phase sees its own earlier regions (names and code): it rewrites them by name
            boolean own = file.regions.stream().anyMatch(r -> r.owner == task.role);
            if ((editsEverything || own) && file.weight() > budget[0]) {
                left[0]++; // not even rendered: it cannot fit
            } else if (editsEverything || own) {
                String text = RegionMarkers.render(file);
                long size = StoredSize.of(path) + StoredSize.of(text) + 8;
                if (size <= budget[0]) {
                    budget[0] -= size;
                    entries.add(ContextEntry.newBuilder().setKind(ContextKind.FILE).setName(path).setText(text)
                            .build());
                } else {
                    left[0]++;
                }
            }
        });
        if (left[0] > 0) {
            LOG.info("generation {} task {}: {} context entries left out of the task (over {} of context)", ctx.id(),
                    task.taskId, left[0], StoredSize.say(limits.taskContextBytes()));
        }
        return entries;
    }

    void onStatus(GenerationContext ctx, AgentStatus status) {
        GenerationState state = ctx.state();
        TaskState task = state.tasks.get(status.getTaskId());
        if (!state.status.accepting() || task == null || task.stage != TaskStage.RELEASED
                || status.getAttempt() < task.attempt) {
            return;
        }
        if (status.getAttempt() > task.attempt) {
            TaskOutput.reset(ctx, task, status.getAttempt());
        }
        task.lastLifeAt = ctx.wallClock(); // a heartbeat is a STREAMING status with the same tokens
        task.agentState = status.getState();
        task.tokens = Math.max(task.tokens, status.getTokens());
        task.tokensPerSecond = status.getTokensPerSecond();
        state.tokensPerSecondByRole.put(task.role, status.getTokensPerSecond());
        reports.onStatus(ctx, task, status);
        speed.observe(ctx, task, status);
        ctx.emit(TaskStateChanged.newBuilder().setTaskId(task.taskId).setRole(task.role).setPhase(task.phase)
                .setAttempt(task.attempt).setState(status.getState()).setTokens(status.getTokens())
                .setTokensPerSecond(status.getTokensPerSecond()).setModel(status.getModel())
                .setError(status.getError()).setNotes(status.getNotes()).build());
        switch (status.getState()) {
            case DONE -> {
                task.doneReported = true;
                taskProgress(ctx, task);
            }
            case FAILED, CANCELLED -> taskFailed(ctx, task, "task " + task.taskId + " (attempt " + task.attempt
                    + ") failed" + (status.getError() == null ? "" : ": " + status.getError()));
            default -> {
            }
        }
    }

    /** Marks the task done once the agent said DONE and its output up to END is applied. */
    void taskProgress(GenerationContext ctx, TaskState task) {
        if (task.stage == TaskStage.RELEASED && task.outputComplete()) {
            task.stage = TaskStage.DONE;
            ctx.files().dropOutputs(task); // a finished task's undo information would only grow the stores
            advance(ctx);
        }
    }

    /** Fails the generation with {@code reason}, or skips the phase when the task's role is optional. */
    void taskFailed(GenerationContext ctx, TaskState task, String reason) {
        if (PhasePlan.optional(task.role)) {
            TaskOutput.reset(ctx, task, task.attempt);
            skipPhase(ctx, task.phase, reason + "; the optional " + PhasePlan.lower(task.phase)
                    + " phase is skipped");
            return;
        }
        task.stage = TaskStage.FAILED;
        fail(ctx, reason, false);
    }

    /** Takes back what the task's attempt wrote and publishes the task again as the next attempt. */
    void reissue(GenerationContext ctx, TaskState task) {
        TaskOutput.reset(ctx, task, task.attempt + 1);
        task.agentState = null;
        release(ctx, task);
    }

    void onBus(GenerationContext ctx, AgentMessage message) {
        GenerationState state = ctx.state();
        if (!state.status.accepting()) {
            return; // an agent re-running a finished task after a restart: nothing to forward after the end
        }
        if (ctx.flags().getVerbose()) {
            ctx.emit(BusMessage.newBuilder().setLabel(label(message)).setFrom(message.getFrom())
                    .setType(message.getType()).setName(message.getName()).setSignature(message.getSignature())
                    .setRequires(message.getRequires()).build());
        }
        TaskState announcer = message.getTaskId() == null ? null : state.tasks.get(message.getTaskId());
        boolean heard = announcer != null && announcer.role == message.getFrom()
                && announcer.heard.add(message.getType() + " " + message.getName());
        switch (message.getType()) {
            case PROVIDES -> provided(ctx, message, ContextKind.SIGNATURE);
            case CONTRACT_PUBLISHED -> provided(ctx, message, ContextKind.CONTRACT);
            case COMPONENT_CREATED -> {
                remember(state, ContextKind.COMPONENT, message);
                message.getRequires().forEach(name -> require(ctx, name, message.getFrom()));
            }
            case REQUIRES -> {
                require(ctx, message.getName(), message.getFrom());
                message.getRequires().forEach(name -> require(ctx, name, message.getFrom()));
            }
            default -> {
            }
        }
        if (heard && announcer.stage == TaskStage.RELEASED && announcer.outputComplete()) {
            taskProgress(ctx, announcer); // the last announcement it waited for
        } else if (state.status.accepting()) {
            advance(ctx);
        }
    }

    private void provided(GenerationContext ctx, AgentMessage message, ContextKind kind) {
        GenerationState state = ctx.state();
        Requirement requirement = state.requirements.computeIfAbsent(message.getName(),
                name -> new Requirement(name, state.currentPhase().orElse(null)));
        requirement.provided = true;
        requirement.providedBy = message.getFrom();
        requirement.signature = message.getSignature();
        remember(state, kind, message);
    }

    private void require(GenerationContext ctx, String name, Role by) {
        GenerationState state = ctx.state();
        Requirement requirement = state.requirements.computeIfAbsent(name,
                n -> new Requirement(n, state.currentPhase().orElse(null)));
        if (requirement.provided || Requirement.owner(name).filter(owner -> owner == by).isPresent()) {
            return;
        }
        requirement.requiredBy.add(by);
        state.tasks.values().stream().filter(t -> t.role == by && t.stage.unreleased() && !t.dependsOn.contains(name))
                .forEach(t -> t.dependsOn.add(name));
    }

    private static void remember(GenerationState state, ContextKind kind, AgentMessage message) {
        String text = message.getSignature() == null ? message.getName() : message.getSignature();
        state.context.put(kind + ":" + message.getName(), new GenerationState.ContextItem(kind, message.getName(), text));
    }

    private static List<String> unmet(GenerationState state, TaskState task) {
        return task.dependsOn.stream().filter(name -> {
            Requirement requirement = state.requirements.get(name);
            return requirement == null || !requirement.provided;
        }).toList();
    }

    private static List<String> unprovidedRequiredBy(GenerationState state, Role role) {
        return state.requirements.values().stream().filter(r -> !r.provided && r.requiredBy.contains(role))
                .map(r -> r.name).toList();
    }

    private static String waitingSummary(GenerationState state, List<TaskState> tasks) {
        return tasks.stream().filter(t -> t.stage == TaskStage.WAITING)
                .map(t -> t.taskId + " (" + String.join(", ", unmet(state, t)) + ")").toList().toString();
    }

    /** As the specification names bus messages in a viewer: {@code ui:component-created}. */
    static String label(AgentMessage message) {
        return PhasePlan.lower(message.getFrom()) + ":"
                + message.getType().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
