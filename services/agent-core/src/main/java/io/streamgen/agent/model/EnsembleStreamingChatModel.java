package io.streamgen.agent.model;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import io.streamgen.agent.output.AnswerCheck;
import io.streamgen.schema.EnsemblePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Several models answering one request at once, seen by the caller as one stream.
 *
 * <ul>
 * <li>{@code RACE}: the first member to send a token wins; the others are cancelled at once (their
 * HTTP streams closed) and the winner's stream is forwarded as it comes.</li>
 * <li>{@code FIRST_VALID}: members stream into private buffers; the first whose complete answer
 * passes the {@link AnswerCheck} (routes into a file, its JavaScript and JSON parse) wins, the rest
 * are cancelled, and the winner's tokens are then forwarded, in their original pieces, so the
 * caller publishes them as it would any stream. If no member's answer is valid, the best one that
 * completed wins: one that wrote a file before one that did not, earlier before later.</li>
 * </ul>
 *
 * A member silent past the first-token or inter-token deadline is dropped like a failed one; when
 * every member fails, the call fails with an {@link EnsembleFailedException} naming each failure.
 * An {@link EnsembleHandler} caller also hears of the start (a handle that cancels every member),
 * of progress before anything is forwarded, and of the decision, before the winner's first token.
 * Callbacks to the caller are made outside this class's locks: the caller holds its own lock when
 * it cancels, and the two must never wait on each other.
 */
public final class EnsembleStreamingChatModel implements StreamingChatModel {

    private static final long WATCH_MILLIS = 100;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final List<NamedModel> members;
    private final EnsemblePolicy policy;
    private final AnswerCheck check;
    private final Duration firstTokenTimeout;
    private final Duration interTokenTimeout;
    private final ScheduledExecutorService scheduler;

    public EnsembleStreamingChatModel(List<NamedModel> members, EnsemblePolicy policy, AnswerCheck check,
                                      Duration firstTokenTimeout, Duration interTokenTimeout,
                                      ScheduledExecutorService scheduler) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs two members or more, not " + members.size());
        }
        this.members = List.copyOf(members);
        this.policy = policy;
        this.check = check;
        this.firstTokenTimeout = firstTokenTimeout;
        this.interTokenTimeout = interTokenTimeout;
        this.scheduler = scheduler;
    }

    public List<NamedModel> members() {
        return members;
    }

    public EnsemblePolicy policy() {
        return policy;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        new Call(handler).start(request);
    }

    private enum MemberState { STREAMING, COMPLETED, FAILED, CANCELLED }

    /** One request to the ensemble: its members' streams and who won. */
    private final class Call implements StreamingHandle {
        private final StreamingChatResponseHandler caller;
        private final EnsembleHandler listener;
        private final long startNanos = System.nanoTime();
        private final List<Member> running;
        private volatile boolean cancelled;
        private volatile Member winner; // set once, under the lock
        private volatile long lastProgressNanos;
        private ScheduledFuture<?> watch;

        Call(StreamingChatResponseHandler caller) {
            this.caller = caller;
            this.listener = caller instanceof EnsembleHandler e ? e : null;
            this.running = members.stream().map(m -> new Member(this, m)).toList();
        }

        void start(ChatRequest request) {
            if (listener != null) {
                listener.onEnsembleStarted(this);
            }
            synchronized (this) {
                if (!cancelled) {
                    watch = scheduler.scheduleAtFixedRate(this::checkDeadlines, WATCH_MILLIS, WATCH_MILLIS,
                            TimeUnit.MILLISECONDS);
                }
            }
            for (Member member : running) {
                if (cancelled || winner != null) {
                    break;
                }
                try {
                    member.named.model().chat(request, member);
                } catch (RuntimeException e) {
                    member.onError(e);
                }
            }
        }

        // ---- the caller's handle: cancels every member; lock-free, the caller holds its own lock

        @Override
        public void cancel() {
            cancelled = true;
            stopWatch();
            running.forEach(m -> m.cancel(MemberState.CANCELLED));
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        // ---- member events

        void progressed() {
            long now = System.nanoTime();
            if (listener != null && winner == null && now - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
                lastProgressNanos = now;
                listener.onEnsembleProgress();
            }
        }

        /** RACE: the first member with text wins. */
        void firstText(Member member) {
            synchronized (this) {
                if (winner != null || cancelled) {
                    return;
                }
                winner = member;
            }
            decided(member, "first token");
        }

        /** FIRST_VALID: a member's answer is complete (judged) or it failed; decide once all is known. */
        void settled(Member member) {
            Member chosen = null;
            String why = null;
            EnsembleFailedException failure = null;
            synchronized (this) {
                if (winner != null || cancelled) {
                    return;
                }
                if (policy == EnsemblePolicy.FIRST_VALID && member.state == MemberState.COMPLETED
                        && member.verdict.valid()) {
                    chosen = member;
                    why = "first valid answer";
                } else if (running.stream().noneMatch(m -> m.state == MemberState.STREAMING)) {
                    Optional<Member> best = running.stream().filter(m -> m.state == MemberState.COMPLETED)
                            .min(Comparator.comparing((Member m) -> m.verdict.files() == 0).thenComparingLong(m -> m.doneNanos));
                    if (best.isPresent()) {
                        chosen = best.get();
                        why = "no member's answer was valid; kept the first that "
                                + (chosen.verdict.files() > 0 ? "wrote a file" : "completed")
                                + " (" + chosen.verdict.problem().orElse("") + ")";
                    } else {
                        failure = failure();
                    }
                }
                if (chosen != null) {
                    winner = chosen;
                } else if (failure != null) {
                    cancelled = true;
                }
            }
            if (chosen != null) {
                decided(chosen, why);
                chosen.replay();
            } else if (failure != null) {
                stopWatch();
                caller.onError(failure);
            }
        }

        private void decided(Member chosen, String why) {
            stopWatch();
            List<String> others = new ArrayList<>();
            for (Member m : running) {
                if (m != chosen) {
                    String was = m.describe();
                    m.cancel(MemberState.CANCELLED);
                    others.add(m.named.name() + " " + was);
                }
            }
            Duration after = Duration.ofNanos(System.nanoTime() - startNanos);
            String reason = why + " after " + seconds(after) + (others.isEmpty() ? "" : "; " + String.join("; ", others));
            if (listener != null) {
                listener.onEnsembleDecision(new EnsembleDecision(chosen.named.name(), policy, after, reason));
            }
        }

        private EnsembleFailedException failure() {
            List<String> reasons = new ArrayList<>();
            Throwable cause = null;
            Throwable fallback = null;
            for (Member m : running) {
                reasons.add(m.named.name() + ": " + m.describe());
                if (m.error != null) {
                    fallback = m.error;
                    if (cause == null && !(m.error instanceof dev.langchain4j.exception.AuthenticationException)
                            && !(m.error instanceof dev.langchain4j.exception.ModelNotFoundException)) {
                        cause = m.error;
                    }
                }
            }
            return new EnsembleFailedException("every member of the ensemble failed: " + String.join("; ", reasons),
                    cause != null ? cause : fallback);
        }

        private void checkDeadlines() {
            long now = System.nanoTime();
            for (Member m : running) {
                if (m.state != MemberState.STREAMING) {
                    continue;
                }
                if (m.firstTokenNanos == 0 && now - startNanos > firstTokenTimeout.toNanos()) {
                    m.fail(new MemberFailure("no first token within " + seconds(firstTokenTimeout)));
                } else if (m.firstTokenNanos != 0 && now - m.lastTokenNanos > interTokenTimeout.toNanos()) {
                    m.fail(new MemberFailure("stalled: no token for " + seconds(interTokenTimeout)));
                }
            }
        }

        private synchronized void stopWatch() {
            if (watch != null) {
                watch.cancel(false);
                watch = null;
            }
        }
    }

    /** One member's stream: its text so far, its handle and how it ended. */
    private final class Member implements StreamingChatResponseHandler {
        private final Call call;
        private final NamedModel named;
        private final List<String> tokens = new ArrayList<>();
        private volatile MemberState state = MemberState.STREAMING;
        private volatile StreamingHandle handle;
        private volatile long firstTokenNanos;
        private volatile long lastTokenNanos;
        private long doneNanos;
        private ChatResponse response;
        private Throwable error;
        private AnswerCheck.Verdict verdict;
        private volatile boolean replayCancelled;

        Member(Call call, NamedModel named) {
            this.call = call;
            this.named = named;
        }

        @Override
        public void onPartialResponse(String partial) {
            partial(new PartialResponse(partial == null ? "" : partial), null);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            partial(partial, context);
        }

        private void partial(PartialResponse partial, PartialResponseContext context) {
            if (context != null) {
                handle = context.streamingHandle();
            }
            if (call.winner == this && policy == EnsemblePolicy.RACE) {
                forward(partial, context);
                return;
            }
            if (state != MemberState.STREAMING || call.cancelled || call.winner != null) {
                closeStream(); // cancelled before its handle was known, or a loser still talking
                return;
            }
            long now = System.nanoTime();
            if (firstTokenNanos == 0) {
                firstTokenNanos = now;
            }
            lastTokenNanos = now;
            String text = partial.text() == null ? "" : partial.text();
            if (policy == EnsemblePolicy.RACE) {
                if (!text.isEmpty()) {
                    call.firstText(this);
                    if (call.winner == this) {
                        forward(partial, context);
                    } else {
                        closeStream();
                    }
                }
                return;
            }
            synchronized (this) {
                tokens.add(text);
            }
            call.progressed();
        }

        private void forward(PartialResponse partial, PartialResponseContext context) {
            call.caller.onPartialResponse(partial, context != null ? context : new PartialResponseContext(call));
        }

        @Override
        public void onCompleteResponse(ChatResponse complete) {
            if (call.winner == this && policy == EnsemblePolicy.RACE) {
                call.caller.onCompleteResponse(complete);
                return;
            }
            if (state != MemberState.STREAMING || call.cancelled || call.winner != null) {
                return;
            }
            FinishReason finish = complete == null ? null : complete.finishReason();
            if (finish == null || finish == FinishReason.LENGTH) {
                fail(new MemberFailure(finish == null ? "its stream ended without a finish reason (cut mid-way)"
                        : "it stopped at its output limit"));
                return;
            }
            if (policy == EnsemblePolicy.RACE) {
                fail(new MemberFailure("it completed without a token"));
                return;
            }
            String text;
            synchronized (this) {
                text = String.join("", tokens);
            }
            AnswerCheck.Verdict judged = judge(text); // outside any lock: a parse takes milliseconds
            synchronized (call) {
                if (state != MemberState.STREAMING) {
                    return;
                }
                verdict = judged;
                response = complete;
                doneNanos = System.nanoTime();
                state = MemberState.COMPLETED;
            }
            call.settled(this);
        }

        @Override
        public void onError(Throwable failure) {
            if (call.winner == this && policy == EnsemblePolicy.RACE) {
                call.caller.onError(failure);
                return;
            }
            fail(failure);
        }

        void fail(Throwable failure) {
            synchronized (call) {
                if (state != MemberState.STREAMING) {
                    return;
                }
                error = failure;
                state = MemberState.FAILED;
            }
            closeStream();
            call.settled(this);
        }

        /** The check's verdict; a check that throws must not leave the member undecided (and the call hanging). */
        private AnswerCheck.Verdict judge(String text) {
            try {
                return check.check(text);
            } catch (RuntimeException e) {
                return new AnswerCheck.Verdict(0, Optional.of("could not be checked (" + reason(e) + ")"));
            }
        }

        /** Stop this member (lock-free): a loser, or the whole call cancelled. */
        void cancel(MemberState as) {
            if (state == MemberState.STREAMING) {
                state = as;
            }
            replayCancelled = true;
            closeStream();
        }

        private void closeStream() {
            StreamingHandle h = handle;
            if (h != null && !h.isCancelled()) {
                h.cancel();
            }
        }

        /** FIRST_VALID: the winner's buffered answer, forwarded piece by piece, then its completion. */
        void replay() {
            List<String> pieces;
            synchronized (this) {
                pieces = List.copyOf(tokens);
            }
            StreamingHandle replayHandle = new StreamingHandle() {
                @Override
                public void cancel() {
                    replayCancelled = true;
                    call.cancelled = true;
                }

                @Override
                public boolean isCancelled() {
                    return replayCancelled;
                }
            };
            PartialResponseContext context = new PartialResponseContext(replayHandle);
            for (String piece : pieces) {
                if (replayCancelled) {
                    return;
                }
                call.caller.onPartialResponse(new PartialResponse(piece), context);
            }
            if (!replayCancelled) {
                call.caller.onCompleteResponse(response);
            }
        }

        /** What became of this member, for the decision's reason. */
        String describe() {
            return switch (state) {
                case STREAMING, CANCELLED -> "cancelled";
                case COMPLETED -> verdict.valid() ? "answered validly later" : "answered, but " + verdict.problem().orElse("not validly");
                case FAILED -> "failed (" + reason(error) + ")";
            };
        }
    }

    /** A member dropped by the ensemble itself: silent past a deadline, cut, or without a token. */
    private static final class MemberFailure extends RuntimeException {
        MemberFailure(String message) {
            super(message);
        }
    }

    private static String reason(Throwable error) {
        if (error == null) {
            return "unknown";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
