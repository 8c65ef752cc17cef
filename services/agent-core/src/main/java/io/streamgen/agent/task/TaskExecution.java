package io.streamgen.agent.task;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.streamgen.agent.buffer.FlushPolicy;
import io.streamgen.agent.buffer.Language;
import io.streamgen.agent.buffer.StatementBuffer;
import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.agent.output.OutputRouter;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One task, from the first token to its END chunk: streams the model's answer, routes it into
 * files and regions, buffers it into syntax-complete chunks, reports status, announces what the
 * output provides, and obeys pause, resume, steer and cancel. Every method is synchronized: model
 * callbacks, control messages and timers arrive on different threads. Callbacks of a stream that
 * was replaced (paused, steered, retried) are recognised by their stream number and ignored.
 */
public final class TaskExecution {

    /** How the task ended. */
    public enum Outcome { DONE, FAILED, CANCELLED }

    private enum State { RUNNING, PAUSING, PAUSED, ENDED }

    /** The collaborators of an execution. */
    public record Deps(AgentOutput output, PromptBuilder prompts, RoleBehaviour behaviour, AgentMetrics metrics,
                       ScheduledExecutorService scheduler, Clock clock, TaskSettings settings) {
    }

    private final AgentTask task;
    private final StreamingChatModel model;
    private final String modelName;
    private final Deps deps;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final List<String> steering = new ArrayList<>();
    private final List<CompletionStage<Void>> sends = new ArrayList<>();

    private State state = State.RUNNING;
    private int attempt;
    private int failures;
    private int stream;
    private StreamingHandle handle;
    private ScheduledFuture<?> timeout;

    // per attempt
    private long seq;
    private long tokens;
    private StringBuilder answer;
    private OutputRouter router;
    private final Map<String, StatementBuffer> buffers = new LinkedHashMap<>();
    private long firstTokenNanos;
    private long streamStartNanos;
    private long lastStatusNanos;

    public TaskExecution(AgentTask task, int attempt, StreamingChatModel model, String modelName, Deps deps) {
        this.task = task;
        this.attempt = attempt;
        this.model = model;
        this.modelName = modelName;
        this.deps = deps;
    }

    /** Starts streaming; the stage completes once the final records are acknowledged. */
    public synchronized CompletionStage<Outcome> start() {
        beginAttempt();
        return outcome;
    }

    public AgentTask task() {
        return task;
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

    /** Continue a paused task, with the answer so far as the assistant's prefix. */
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
        openStream(answer.toString());
    }

    /** Start again with the instruction added to the prompt; the new attempt supersedes the old one. */
    public synchronized void steer(String instruction) {
        if (state == State.ENDED) {
            return;
        }
        steering.add(instruction);
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
        answer = new StringBuilder();
        buffers.clear();
        router = new OutputRouter(new Routing());
        firstTokenNanos = 0;
        status(AgentState.STARTED, null);
        openStream(null);
    }

    private void openStream(String prefix) {
        int id = ++stream;
        List<ChatMessage> messages = new ArrayList<>(deps.prompts().messages(task, steering));
        if (prefix != null && !prefix.isEmpty()) {
            messages.add(AiMessage.from(prefix));
        }
        streamStartNanos = System.nanoTime();
        cancelTimeout();
        timeout = deps.scheduler().schedule(() -> timedOut(id), deps.settings().timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            model.chat(ChatRequest.builder().messages(messages).build(), new Handler(id));
        } catch (RuntimeException e) {
            failed(id, e);
        }
    }

    private synchronized void token(int id, String text, StreamingHandle streamHandle) {
        if (id != stream || state == State.ENDED || state == State.PAUSED) {
            if (streamHandle != null && id != stream) {
                streamHandle.cancel(); // a superseded stream that is still talking
            }
            return;
        }
        handle = streamHandle;
        long now = System.nanoTime();
        if (firstTokenNanos == 0) {
            firstTokenNanos = now;
            deps.metrics().timeToFirstToken(modelName, Duration.ofNanos(now - streamStartNanos));
        }
        tokens++;
        deps.metrics().tokens(modelName, 1);
        answer.append(text);
        router.accept(text);
        if (now - lastStatusNanos >= deps.settings().statusInterval().toNanos()) {
            lastStatusNanos = now;
            status(AgentState.STREAMING, null);
        }
        if (state == State.PAUSING && currentBufferAtStatementEnd()) {
            pauseNow();
        }
    }

    private synchronized void completed(int id) {
        if (id != stream || state == State.ENDED) {
            return;
        }
        cancelTimeout();
        router.finish();
        buffers.values().forEach(StatementBuffer::finish);
        buffers.clear();
        if (seq == 0) {
            failed(id, new IllegalStateException("unusable model output: no '@file' section in "
                    + answer.length() + " characters"));
            return;
        }
        for (Announcement a : deps.behaviour().announce(answer.toString())) {
            send(deps.output().bus(AgentMessage.newBuilder().setGenerationId(task.getGenerationId())
                    .setFrom(task.getRole()).setTaskId(task.getTaskId()).setType(a.type()).setName(a.name())
                    .setSignature(a.signature()).setRequires(a.requires()).setAt(deps.clock().instant()).build()));
        }
        send(deps.output().chunk(chunk("", null, ChunkOp.END, "", 0, true)));
        end(AgentState.DONE, Outcome.DONE, null);
    }

    private synchronized void failed(int id, Throwable error) {
        if (id != stream || state == State.ENDED) {
            return;
        }
        stopStream();
        failures++;
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (failures > deps.settings().retries()) {
            end(AgentState.FAILED, Outcome.FAILED, "gave up after " + failures + " attempts: " + reason);
            return;
        }
        long backoff = deps.settings().retryBackoff().toMillis() << (failures - 1);
        int retryOf = stream;
        deps.scheduler().schedule(() -> retry(retryOf), backoff, TimeUnit.MILLISECONDS);
    }

    private synchronized void retry(int failedStream) {
        if (failedStream != stream || state == State.ENDED) {
            return; // steered or cancelled meanwhile
        }
        attempt++;
        state = State.RUNNING;
        beginAttempt();
    }

    private synchronized void timedOut(int id) {
        if (id == stream && state == State.RUNNING || id == stream && state == State.PAUSING) {
            failed(id, new IllegalStateException("the model did not finish within " + deps.settings().timeout()));
        }
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
        cancelTimeout();
        stream++; // whatever the old stream still says is ignored from now on
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
    }

    private void end(AgentState finalState, Outcome result, String error) {
        state = State.ENDED;
        cancelTimeout();
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
        double elapsed = firstTokenNanos == 0 ? 0 : (System.nanoTime() - firstTokenNanos) / 1e9;
        double rate = elapsed > 0 ? tokens / elapsed : 0;
        if (rate > 0) {
            deps.metrics().tokensPerSecond(modelName, rate);
        }
        send(deps.output().status(AgentStatus.newBuilder().setGenerationId(task.getGenerationId())
                .setTaskId(task.getTaskId()).setAttempt(attempt).setRole(task.getRole()).setPhase(task.getPhase())
                .setState(agentState).setTokens(tokens).setTokensPerSecond(rate).setModel(modelName)
                .setError(error).setAt(deps.clock().instant()).build()));
    }

    private CodeChunk chunk(String path, String region, ChunkOp op, String text, int chunkTokens, boolean complete) {
        return CodeChunk.newBuilder().setGenerationId(task.getGenerationId()).setTaskId(task.getTaskId())
                .setAttempt(attempt).setSeq(seq++).setRole(task.getRole()).setPhase(task.getPhase()).setPath(path)
                .setRegion(region).setOp(op).setText(text).setStatementComplete(complete).setTokenCount(chunkTokens)
                .setModel(modelName).setProducedAt(deps.clock().instant()).build();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
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
                : buffers.get(key(router.currentPath(), router.currentRegion()));
    }

    private static String key(String path, String region) {
        return path + "\u0000" + (region == null ? "" : region);
    }

    /** Routed text goes into one statement buffer per file region. */
    private final class Routing implements OutputRouter.Listener {
        @Override
        public void text(String path, String region, String text, int count) {
            if (region == null && text.isBlank()) {
                return; // spacing between regions is not content
            }
            buffers.computeIfAbsent(key(path, region), k -> newBuffer(path, region)).add(text, count);
        }

        @Override
        public void regionEnd(String path, String region) {
            StatementBuffer buffer = buffers.remove(key(path, region));
            if (buffer != null) {
                buffer.finish();
            }
        }

        private StatementBuffer newBuffer(String path, String region) {
            boolean replace = deps.behaviour().replacesRegions();
            // a replacement is only meaningful whole: it goes out as one chunk when the region ends
            FlushPolicy policy = replace ? (pending, since) -> false
                    : task.getBufferSize() != null ? FlushPolicy.fixed(task.getBufferSize())
                    : FlushPolicy.adaptive(deps.settings().flushTargetMillis());
            int cap = replace ? Integer.MAX_VALUE : deps.settings().hardCapChars();
            ChunkOp op = replace ? ChunkOp.REPLACE : ChunkOp.APPEND;
            return new StatementBuffer(Language.forPath(path), policy, cap, System::nanoTime, flush -> {
                if (!flush.statementComplete() && flush.text().length() >= cap) {
                    deps.metrics().capHit(modelName);
                }
                deps.metrics().chunk(modelName, flush.tokens());
                send(deps.output().chunk(chunk(path, region, op, flush.text(), flush.tokens(), flush.statementComplete())));
            });
        }
    }

    /** Model callbacks, tagged with the stream they belong to. */
    private final class Handler implements StreamingChatResponseHandler {
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
            completed(id);
        }

        @Override
        public void onError(Throwable error) {
            failed(id, error);
        }
    }
}
