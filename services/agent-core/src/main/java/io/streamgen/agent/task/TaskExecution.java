package io.streamgen.agent.task;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import io.streamgen.agent.buffer.FlushPolicy;
import io.streamgen.agent.buffer.Language;
import io.streamgen.agent.buffer.StatementBuffer;
import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.agent.model.EnsembleDecision;
import io.streamgen.agent.model.EnsembleHandler;
import io.streamgen.agent.model.NamedModel;
import io.streamgen.agent.output.ContinuationFilter;
import io.streamgen.agent.output.OutputRouter;
import io.streamgen.agent.prompt.Prompt;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CacheProvenance;
import io.streamgen.schema.ContextReport;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.SwitchCause;
import io.streamgen.source.LayoutContract;
import io.streamgen.source.Regions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One task, from the first token to its END chunk: streams the model's answer, routes it into
 * files and regions, buffers it into syntax-complete chunks, reports status (with a heartbeat while
 * the model thinks), announces what each finished region provides, and obeys pause, resume, steer
 * and cancel. Resuming, and retrying after a provider error or a stalled stream, ask the model to
 * continue from what was published and align its new stream with it ({@link ContinuationFilter}),
 * so they never rely on a provider continuing a trailing assistant message. Every method is
 * synchronized: model callbacks, control messages and timers arrive on different threads.
 * Callbacks of a stream that was replaced are recognised by their stream number and ignored.
 *
 * <p>A task may run on a chain of models (its own, then its plan's fallbacks). When the current
 * one fails in any way, or stalls, and a next one exists, the execution switches at once (no
 * backoff: it is another provider), continues from the last published statement by the same
 * continuation, and reports the switch on its next status; the configured retries apply only on
 * the last model of the chain. A link of the chain may be an {@code EnsembleStreamingChatModel}:
 * its decision renames the stream after the winner and is reported the same way.
 */
public final class TaskExecution {

    /** How the task ended. */
    public enum Outcome { DONE, FAILED, CANCELLED }

    private enum State { RUNNING, PAUSING, PAUSED, WAITING, ENDED }

    /** The collaborators of an execution. */
    public record Deps(AgentOutput output, PromptBuilder prompts, RoleBehaviour behaviour, AgentMetrics metrics,
                       ScheduledExecutorService scheduler, Clock clock, TaskSettings settings) {
    }

    private final AgentTask task;
    /** The task's model, then its fallbacks, in order; {@link #link} is the one streaming. */
    private final List<NamedModel> chain;
    private int link;
    private StreamingChatModel model;
    private String modelName;
    /** Carried by the next status: a failover or an ensemble's decision. */
    private ModelSwitch pendingSwitch;
    private final Deps deps;
    private final String startError;
    private final LayoutContract layout;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final List<String> steering = new ArrayList<>();
    private final List<CompletionStage<Void>> sends = new ArrayList<>();

    private State state = State.RUNNING;
    private String endReason;
    private int attempt;
    private int failures;
    private int stream;
    private double contextShare = 1.0;
    private int promptTokens;
    /** Sent on the STARTED status of an attempt whose context lost something to the budget. */
    private ContextReport contextReport;
    private CacheProvenance cachedFrom;
    private StreamingHandle handle;
    private ScheduledFuture<?> ticker;

    // per attempt
    private long seq;
    private long tokens;
    private OutputRouter router;
    private final Map<String, StatementBuffer> buffers = new LinkedHashMap<>();
    /** What this attempt published, per region key, in order: what a continuation must not repeat. */
    private final Map<String, Published> published = new LinkedHashMap<>();
    private final Set<String> finishedRegions = new HashSet<>();
    private final Map<String, StringBuilder> regionText = new LinkedHashMap<>();
    private final Set<String> announced = new LinkedHashSet<>();
    private final Set<String> replacing = new HashSet<>();
    private final Map<String, StringBuilder> gapSpace = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private long firstTokenNanos;
    /** The shortest stretch of streaming a tokens/s figure is reported over. */
    static final double RATE_WINDOW_SECONDS = 0.25;
    private long streamStartNanos;
    private long lastTokenNanos;
    private boolean streamHadToken;
    /** An ensemble's members are streaming, though none of it is forwarded yet. */
    private boolean streamProgressed;
    private long lastStatusNanos;

    private record Published(String path, String region, StringBuilder text) {
    }

    public TaskExecution(AgentTask task, int attempt, StreamingChatModel model, String modelName, Deps deps) {
        this(task, attempt, List.of(new NamedModel(modelName, model)), deps, null);
    }

    /** @param chain the task's model first, then the models to fail over to, in order */
    public TaskExecution(AgentTask task, int attempt, List<NamedModel> chain, Deps deps) {
        this(task, attempt, chain, deps, null);
    }

    private TaskExecution(AgentTask task, int attempt, List<NamedModel> chain, Deps deps, String startError) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a task needs a model");
        }
        this.task = task;
        this.attempt = attempt;
        this.chain = List.copyOf(chain);
        this.model = chain.get(0).model();
        this.modelName = chain.get(0).name();
        this.deps = deps;
        this.startError = startError;
        this.layout = LayoutContract.forStack(task.getTargetStack());
    }

    /** A task that cannot run (its model cannot be built, or is not allowed): it fails with the reason. */
    public static TaskExecution failing(AgentTask task, int attempt, String modelName, Deps deps, String reason) {
        return new TaskExecution(task, attempt, java.util.Collections.singletonList(new NamedModel(modelName, null)),
                deps, reason);
    }

    /** Starts streaming; the stage completes once the final records are acknowledged. */
    public synchronized CompletionStage<Outcome> start() {
        if (startError != null) {
            end(AgentState.FAILED, Outcome.FAILED, startError);
            return outcome;
        }
        long tick = Math.max(50, Math.min(1000, deps.settings().heartbeatInterval().toMillis()));
        ticker = deps.scheduler().scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        beginAttempt();
        return outcome;
    }

    public AgentTask task() {
        return task;
    }

    /** Whether a fallback took over from the task's own model. */
    public synchronized boolean failedOver() {
        return link > 0;
    }

    /** The model the task streams from, as chunks and metrics name it. */
    public synchronized String modelName() {
        return modelName;
    }

    public synchronized int attempt() {
        return attempt;
    }

    /** Finish the statement being written, then stop the model. */
    public synchronized void pause() {
        if (state != State.RUNNING) {
            return;
        }
        state = State.PAUSING;
        if (currentBufferAtStatementEnd()) {
            pauseNow();
        }
    }

    /** Continue a paused task: the model is shown what was published and asked to go on. */
    public synchronized void resume() {
        if (state == State.PAUSING) {
            state = State.RUNNING; // never stopped
            return;
        }
        if (state != State.PAUSED) {
            return;
        }
        state = State.RUNNING;
        status(AgentState.STREAMING, null);
        openContinuation();
    }

    /** Start again with the instruction added to the prompt; the new attempt supersedes the old one. */
    public synchronized void steer(String instruction) {
        if (state == State.ENDED) {
            return;
        }
        steering.add(instruction);
        notes.clear();
        // the steered prompt goes to the model (the cache holds answers to the first prompt only):
        // the new attempt's statuses must not say its answer came from the cache
        cachedFrom = null;
        stopStream();
        attempt++;
        state = State.RUNNING;
        beginAttempt();
    }

    /** Abort the model call (its HTTP stream is closed) and end the task as cancelled. */
    public synchronized void cancel() {
        if (state == State.ENDED) {
            return;
        }
        stopStream();
        end(AgentState.CANCELLED, Outcome.CANCELLED, "cancelled");
    }

    private void beginAttempt() {
        seq = 0;
        tokens = 0;
        buffers.clear();
        published.clear();
        finishedRegions.clear();
        regionText.clear();
        announced.clear();
        replacing.clear();
        gapSpace.clear();
        Routing routing = new Routing();
        router = new OutputRouter(routing, language -> layout.defaultFile(roleName(), language));
        firstTokenNanos = 0;
        modelName = chain.get(link).name(); // an ensemble's stream is named after its winner once it has one
        Prompt prompt = deps.prompts().prompt(task, steering, contextShare, modelName);
        usePrompt(prompt);
        status(AgentState.STARTED, null);
        contextReport = null;
        openStream(prompt.messages());
    }

    /** A new stream for the same attempt, aligned with what the attempt published so far. */
    private void openContinuation() {
        Published last = published.isEmpty() ? null : published.values().stream().reduce((a, b) -> b).orElseThrow();
        String resumePath = router.currentPath() != null ? router.currentPath() : last == null ? null : last.path();
        String resumeRegion = router.currentPath() != null ? router.currentRegion() : last == null ? null : last.region();
        String key = ContinuationFilter.key(resumePath, resumeRegion);
        Published resumed = published.get(key);
        Routing routing = new Routing();
        ContinuationFilter filter = new ContinuationFilter(routing, finishedRegions, resumePath, resumeRegion,
                resumed == null ? "" : resumed.text().toString());
        router = new OutputRouter(filter, language -> layout.defaultFile(roleName(), language))
                .resumingAt(resumePath, resumeRegion);
        modelName = chain.get(link).name();
        if (cachedFrom != null) {
            notes.add("the cached answer was interrupted; " + modelName + " wrote the rest");
        }
        Prompt prompt = deps.prompts().continuation(task, steering, contextShare, render(published, finishedRegions),
                modelName);
        usePrompt(prompt);
        contextReport = null; // reported once per attempt, on its STARTED status
        openStream(prompt.messages());
    }

    private void usePrompt(Prompt prompt) {
        promptTokens = prompt.tokens();
        contextReport = prompt.trimmed() ? prompt.report() : null;
        deps.metrics().prompt(modelName, prompt.tokens(), prompt.tokensSaved());
    }

    /**
     * This task is answered from the response cache: its statuses say where the answer first came
     * from. Call before {@link #start()}.
     */
    public synchronized void answeredFromCache(CacheProvenance provenance) {
        this.cachedFrom = provenance;
    }

    private void openStream(List<ChatMessage> messages) {
        int id = ++stream;
        streamStartNanos = System.nanoTime();
        lastTokenNanos = streamStartNanos;
        streamHadToken = false;
        streamProgressed = false;
        try {
            model.chat(ChatRequest.builder().messages(messages).build(), new Handler(id));
        } catch (RuntimeException e) {
            failed(id, e);
        }
    }

    private synchronized void token(int id, String text, StreamingHandle streamHandle) {
        if (id != stream || state == State.ENDED || state == State.PAUSED || state == State.WAITING) {
            if (streamHandle != null && id != stream) {
                streamHandle.cancel(); // a superseded stream that is still talking
            }
            return;
        }
        if (streamHandle != null) {
            handle = streamHandle;
        }
        long now = System.nanoTime();
        if (firstTokenNanos == 0) {
            firstTokenNanos = now;
        }
        if (!streamHadToken) {
            streamHadToken = true;
            deps.metrics().timeToFirstToken(modelName, Duration.ofNanos(now - streamStartNanos));
        }
        lastTokenNanos = now;
        tokens++;
        deps.metrics().tokens(modelName, 1);
        router.accept(text == null ? "" : text);
        if (now - lastStatusNanos >= deps.settings().statusInterval().toNanos()) {
            status(AgentState.STREAMING, null);
        }
        if (state == State.PAUSING && currentBufferAtStatementEnd()) {
            pauseNow();
        }
    }

    private synchronized void completed(int id, ChatResponse response) {
        if (id != stream || state == State.ENDED || state == State.WAITING) {
            return;
        }
        FinishReason finish = response == null ? null : response.finishReason();
        if (finish == null || finish == FinishReason.LENGTH) {
            // a connection closed mid-way looks complete to the client; an output limit is not the end of the answer
            failed(id, new StreamDeadlineException(finish == null ? "the stream ended without a finish reason (cut mid-way)"
                    : "the model stopped at its output limit"));
            return;
        }
        router.finish();
        notes.addAll(router.notes());
        buffers.values().forEach(StatementBuffer::finish);
        buffers.clear();
        if (seq == 0 && !deps.behaviour().replacesRegions()) {
            failed(id, new UnusableAnswerException("the model's answer held no code"));
            return;
        }
        stopTicker();
        // built field by field: an Avro copy (newBuilder(other)) resolves enum classes through Avro's own loader
        CodeChunk end = chunk("", null, ChunkOp.END, "", 0, true);
        end.setAnnouncements(announced.size());
        send(deps.output().chunk(end));
        end(AgentState.DONE, Outcome.DONE, null);
    }

    private synchronized void failed(int id, Throwable error) {
        if (id != stream || state == State.ENDED || state == State.WAITING) {
            return;
        }
        stopStream();
        ProviderFailure failure = ProviderFailure.of(error);
        if (link + 1 < chain.size()) {
            failOver(failure);
            return;
        }
        failures++;
        if (failure.permanent() || failures > deps.settings().retries()) {
            end(AgentState.FAILED, Outcome.FAILED, (failure.permanent() ? "" : "gave up after " + failures + " attempts: ")
                    + failure.reason());
            return;
        }
        if (failure.contextTooLong()) {
            contextShare /= 2; // fewer signatures and files in the next prompt
        }
        // keep what ended a statement; what the model was in the middle of is written again
        buffers.values().forEach(StatementBuffer::finishAtStatement);
        buffers.clear();
        long backoff = failure.retryAfter().map(Duration::toMillis)
                .orElse(deps.settings().retryBackoff().toMillis() << (failures - 1));
        state = State.WAITING;
        notes.add("stream " + failures + " failed (" + failure.reason() + "); continued after " + backoff + " ms");
        int retryOf = stream;
        deps.scheduler().schedule(() -> retry(retryOf), backoff, TimeUnit.MILLISECONDS);
    }

    /** The next model of the chain takes over at once, from the last published statement. */
    private void failOver(ProviderFailure failure) {
        buffers.values().forEach(StatementBuffer::finishAtStatement);
        buffers.clear();
        String from = modelName;
        NamedModel next = chain.get(++link);
        model = next.model();
        modelName = next.name();
        failures = 0; // the configured retries are the last model's
        notes.add("failed over from " + from + " to " + modelName + " (" + failure.reason() + ")");
        deps.metrics().failover(from, modelName);
        pendingSwitch = ModelSwitch.newBuilder().setFromModel(from).setToModel(modelName)
                .setCause(SwitchCause.FAILOVER).setReason(failure.reason()).build();
        if (seq == 0) {
            beginAttempt(); // nothing published yet: the next model simply answers (its STARTED carries the switch)
        } else {
            status(AgentState.STREAMING, null);
            openContinuation();
        }
    }

    /** An ensemble link started: its handle cancels every member, before any token is forwarded. */
    private synchronized void ensembleStarted(int id, StreamingHandle ensemble) {
        if (id != stream || state == State.ENDED) {
            ensemble.cancel();
            return;
        }
        handle = ensemble;
    }

    private synchronized void ensembleProgressed(int id) {
        if (id == stream) {
            streamProgressed = true;
            lastTokenNanos = System.nanoTime();
        }
    }

    /** The ensemble chose: what follows is the winner's, and viewers are told which won and why. */
    private synchronized void ensembleDecided(int id, EnsembleDecision decision) {
        if (id != stream || state == State.ENDED) {
            return;
        }
        String from = modelName;
        modelName = decision.winner();
        notes.add("ensemble (" + decision.policy() + ") chose " + decision.winner() + ": " + decision.reason());
        deps.metrics().ensembleWin(decision.winner(), decision.policy().name());
        pendingSwitch = ModelSwitch.newBuilder().setFromModel(from).setToModel(decision.winner())
                .setCause(SwitchCause.ENSEMBLE).setReason(decision.reason()).build();
        status(AgentState.STREAMING, null);
    }

    private synchronized void retry(int failedStream) {
        if (failedStream != stream || state != State.WAITING) {
            return; // steered or cancelled meanwhile
        }
        state = State.RUNNING;
        if (seq == 0) {
            beginAttempt(); // nothing published yet: simply ask again
        } else {
            openContinuation();
        }
    }

    /** Heartbeat and stream deadlines, every second or so. */
    private synchronized void tick() {
        if (state == State.ENDED) {
            return;
        }
        long now = System.nanoTime();
        TaskSettings settings = deps.settings();
        if (state == State.RUNNING || state == State.PAUSING) {
            int id = stream;
            boolean alive = streamHadToken || streamProgressed;
            if (!alive && now - streamStartNanos > settings.firstTokenTimeout().toNanos()) {
                failed(id, new StreamDeadlineException("no first token within " + spoken(settings.firstTokenTimeout())));
            } else if (alive && now - lastTokenNanos > settings.interTokenTimeout().toNanos()) {
                failed(id, new StreamDeadlineException("the stream stalled: no token for " + spoken(settings.interTokenTimeout())));
            } else if (now - streamStartNanos > settings.timeout().toNanos()) {
                failed(id, new StreamDeadlineException("the model did not finish within " + settings.timeout()));
            }
        }
        if (state != State.ENDED && now - lastStatusNanos >= settings.heartbeatInterval().toNanos()) {
            status(state == State.PAUSED ? AgentState.PAUSED : AgentState.STREAMING, null);
        }
    }

    /** A deadline as a reason says it: whole seconds, or milliseconds under one (a failover's reason is read by viewers). */
    private static String spoken(Duration deadline) {
        return deadline.toMillis() < 1000 ? deadline.toMillis() + " ms" : deadline.toSeconds() + " s";
    }

    private void pauseNow() {
        stopStream();
        StatementBuffer current = currentBuffer();
        if (current != null) {
            current.finish();
        }
        state = State.PAUSED;
        status(AgentState.PAUSED, null);
    }

    private void stopStream() {
        stream++; // whatever the old stream still says is ignored from now on
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /** Why the task failed or was cancelled (null while it runs or when it is done). */
    public synchronized String endReason() {
        return endReason;
    }

    private void end(AgentState finalState, Outcome result, String error) {
        state = State.ENDED;
        endReason = error;
        stopTicker();
        status(finalState, error);
        deps.metrics().taskEnded(modelName, result.name());
        List<CompletableFuture<Void>> pending = sends.stream().map(CompletionStage::toCompletableFuture).toList();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> {
            if (e != null) {
                outcome.completeExceptionally(e);
            } else {
                outcome.complete(result);
            }
        });
    }

    private void status(AgentState agentState, String error) {
        lastStatusNanos = System.nanoTime();
        double elapsed = firstTokenNanos == 0 ? 0 : (lastStatusNanos - firstTokenNanos) / 1e9;
        // measured from the first token, n tokens span n - 1 gaps; and over a few milliseconds a rate
        // means nothing (one token in 0.3 ms read as 3,000 tokens/s): report none until there is a window
        double rate = elapsed >= RATE_WINDOW_SECONDS && tokens > 1 ? (tokens - 1) / elapsed : 0;
        if (rate > 0) {
            deps.metrics().tokensPerSecond(modelName, rate);
        }
        boolean last = agentState == AgentState.DONE || agentState == AgentState.FAILED || agentState == AgentState.CANCELLED;
        send(deps.output().status(AgentStatus.newBuilder().setGenerationId(task.getGenerationId())
                .setTaskId(task.getTaskId()).setAttempt(attempt).setRole(task.getRole()).setPhase(task.getPhase())
                .setState(agentState).setTokens(tokens).setTokensPerSecond(rate).setModel(modelName)
                .setError(error).setNotes(last ? List.copyOf(notes) : List.of()).setPromptTokens(promptTokens)
                .setContext(agentState == AgentState.STARTED ? contextReport : null)
                .setCachedFrom(agentState == AgentState.STARTED || last ? cachedFrom : null)
                .setModelSwitch(takeSwitch()).setAt(deps.clock().instant()).build()));
    }

    private ModelSwitch takeSwitch() {
        ModelSwitch change = pendingSwitch;
        pendingSwitch = null;
        return change;
    }

    private CodeChunk chunk(String path, String region, ChunkOp op, String text, int chunkTokens, boolean complete) {
        return CodeChunk.newBuilder().setGenerationId(task.getGenerationId()).setTaskId(task.getTaskId())
                .setAttempt(attempt).setSeq(seq++).setRole(task.getRole()).setPhase(task.getPhase()).setPath(path)
                .setRegion(region).setOp(op).setText(text).setStatementComplete(complete).setTokenCount(chunkTokens)
                .setModel(modelName).setProducedAt(deps.clock().instant()).build();
    }

    private void send(CompletionStage<Void> acked) {
        sends.add(acked);
    }

    private boolean currentBufferAtStatementEnd() {
        StatementBuffer current = currentBuffer();
        return current == null || current.atStatementEnd();
    }

    private StatementBuffer currentBuffer() {
        return router == null || router.currentPath() == null ? null
                : buffers.get(ContinuationFilter.key(router.currentPath(), router.currentRegion()));
    }

    private String roleName() {
        return task.getRole().name().toLowerCase(Locale.ROOT);
    }

    /** What was published, in the protocol's own form, for a continuation prompt. */
    static String render(Map<String, Published> published, Set<String> finished) {
        StringBuilder out = new StringBuilder();
        String path = null;
        for (Published p : published.values()) {
            if (!p.path().equals(path)) {
                out.append(io.streamgen.source.Directive.file(p.path()));
                path = p.path();
            }
            boolean marked = !Regions.isGap(p.region());
            if (marked) {
                out.append(io.streamgen.source.Directive.regionStart(p.path(), p.region()));
            }
            out.append(p.text());
            if (marked && p.text().length() > 0 && p.text().charAt(p.text().length() - 1) != '\n') {
                out.append('\n');
            }
            if (marked && finished.contains(ContinuationFilter.key(p.path(), p.region()))) {
                out.append(io.streamgen.source.Directive.regionEnd(p.path()));
            }
        }
        return out.toString();
    }

    /** Routed text goes into one statement buffer per file region. */
    private final class Routing implements ContinuationFilter.Target {
        @Override
        public void text(String path, String region, String text, int count) {
            boolean gap = Regions.isGap(region);
            if (gap && deps.behaviour().replacesRegions()) {
                return; // the optimiser replaces named regions; its text around them would overwrite imports
            }
            String key = ContinuationFilter.key(path, region);
            if (gap && !regionText.containsKey(key)) {
                // blank lines between regions are spacing, not content; the first line keeps its indentation
                StringBuilder space = gapSpace.computeIfAbsent(key, k -> new StringBuilder());
                if (text.isBlank()) {
                    space.append(text);
                    return;
                }
                text = space.substring(space.lastIndexOf("\n") + 1) + text;
                gapSpace.remove(key);
            }
            regionText.computeIfAbsent(key, k -> new StringBuilder()).append(text);
            buffers.computeIfAbsent(key, k -> newBuffer(path, region)).add(text, count);
        }

        @Override
        public void replace(String path, String region, String text, int count) {
            String key = ContinuationFilter.key(path, region);
            StatementBuffer old = buffers.remove(key);
            if (old != null) {
                old.finish();
            }
            regionText.put(key, new StringBuilder());
            Published was = published.get(key);
            if (was != null) {
                was.text().setLength(0);
            }
            replacing.add(key);
            text(path, region, text, count);
        }

        @Override
        public void regionEnd(String path, String region) {
            String key = ContinuationFilter.key(path, region);
            StatementBuffer buffer = buffers.remove(key);
            if (buffer != null) {
                buffer.finish();
            }
            finishedRegions.add(key);
            StringBuilder text = regionText.remove(key);
            if (text != null && !text.isEmpty()) {
                announce(path, text.toString());
            }
        }

        private void announce(String path, String code) {
            for (Announcement a : deps.behaviour().announce(path, code)) {
                if (!announced.add(a.type() + " " + a.name())) {
                    continue;
                }
                send(deps.output().bus(AgentMessage.newBuilder().setGenerationId(task.getGenerationId())
                        .setFrom(task.getRole()).setTaskId(task.getTaskId()).setType(a.type()).setName(a.name())
                        .setSignature(a.signature()).setRequires(a.requires()).setAt(deps.clock().instant()).build()));
            }
        }

        private StatementBuffer newBuffer(String path, String region) {
            boolean replaceRole = deps.behaviour().replacesRegions();
            // a replacement is only meaningful whole: it goes out as one chunk when the region ends
            FlushPolicy policy = replaceRole ? (pending, since) -> false
                    : task.getBufferSize() != null ? FlushPolicy.fixed(task.getBufferSize())
                    : FlushPolicy.adaptive(deps.settings().flushTargetMillis());
            int cap = replaceRole ? Integer.MAX_VALUE : deps.settings().hardCapChars();
            String key = ContinuationFilter.key(path, region);
            return new StatementBuffer(Language.forPath(path), policy, cap, System::nanoTime, flush -> {
                if (!flush.statementComplete() && flush.text().length() >= cap) {
                    deps.metrics().capHit(modelName);
                }
                // a region's first chunk replaces it (optimiser, or a rephrased region); the rest of it appends
                boolean first = !published.containsKey(key) || published.get(key).text().isEmpty();
                ChunkOp op = replaceRole && first || replacing.remove(key) ? ChunkOp.REPLACE : ChunkOp.APPEND;
                deps.metrics().chunk(modelName, flush.tokens());
                published.computeIfAbsent(key, k -> new Published(path, region, new StringBuilder()))
                        .text().append(flush.text());
                send(deps.output().chunk(chunk(path, region, op, flush.text(), flush.tokens(), flush.statementComplete())));
            });
        }
    }

    /** Model callbacks, tagged with the stream they belong to. */
    private final class Handler implements EnsembleHandler {
        private final int id;

        Handler(int id) {
            this.id = id;
        }

        @Override
        public void onPartialResponse(String partial) {
            token(id, partial, null);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            token(id, partial.text(), context.streamingHandle());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            completed(id, response);
        }

        @Override
        public void onError(Throwable error) {
            failed(id, error);
        }

        @Override
        public void onEnsembleStarted(StreamingHandle ensemble) {
            ensembleStarted(id, ensemble);
        }

        @Override
        public void onEnsembleProgress() {
            ensembleProgressed(id);
        }

        @Override
        public void onEnsembleDecision(EnsembleDecision decision) {
            ensembleDecided(id, decision);
        }
    }
}
