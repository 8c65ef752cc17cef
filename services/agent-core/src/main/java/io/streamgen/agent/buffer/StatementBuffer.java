package io.streamgen.agent.buffer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Holds a model's tokens until they end a complete statement, then hands the statements out as
 * one chunk when the {@link FlushPolicy} says so. Concatenating every chunk gives back exactly the
 * text that went in. Only the hard cap (characters pending without any statement end) forces a
 * chunk that ends mid-statement; such chunks are marked incomplete and counted.
 */
public final class StatementBuffer {

    /** One chunk of text handed out by the buffer. */
    public record Flush(String text, int tokens, boolean statementComplete) {
    }

    private final StatementScanner scanner;
    private final FlushPolicy policy;
    private final LongSupplier clock;
    private final int hardCapChars;
    private final Consumer<Flush> sink;

    private final StringBuilder pending = new StringBuilder();
    /** Where each pending token ends, relative to the start of {@code pending}. */
    private final Deque<int[]> tokenEnds = new ArrayDeque<>();
    private int boundary;        // pending[0, boundary) is complete statements
    private int tentative = -1;  // a statement end waiting for the next line to confirm it
    private long lastFlushNanos;
    private int capHits;

    public StatementBuffer(Language language, FlushPolicy policy, int hardCapChars, LongSupplier clock,
                           Consumer<Flush> sink) {
        this.scanner = new StatementScanner(language);
        this.policy = policy;
        this.clock = clock;
        this.hardCapChars = hardCapChars;
        this.sink = sink;
        this.lastFlushNanos = clock.getAsLong();
    }

    /** Adds one token (any text) from the model. */
    public void add(String token) {
        add(token, 1);
    }

    /** Adds text that the model sent as {@code tokens} tokens. */
    public void add(String token, int tokens) {
        long now = clock.getAsLong();
        policy.onToken(now);
        for (int i = 0; i < token.length(); i++) {
            pending.append(token.charAt(i));
            switch (scanner.accept(token.charAt(i))) {
                case StatementScanner.BOUNDARY -> boundary = pending.length();
                case StatementScanner.TENTATIVE -> tentative = pending.length();
                case StatementScanner.CONFIRMED -> {
                    boundary = tentative;
                    tentative = -1;
                }
                case StatementScanner.WITHDRAWN -> tentative = -1;
                default -> {
                }
            }
        }
        if (!token.isEmpty() && tokens > 0) {
            tokenEnds.addLast(new int[] {pending.length(), tokens});
        }
        if (boundary > 0 && policy.shouldFlush(tokensUpTo(boundary), now - lastFlushNanos)) {
            emit(boundary, true, now);
        } else if (pending.length() - boundary >= hardCapChars) {
            capHits++;
            emit(pending.length(), false, now);
        }
    }

    /** Hands out everything pending: the model finished, paused, or the region ended. */
    public void finish() {
        if (!pending.isEmpty()) {
            emit(pending.length(), scanner.balanced(), clock.getAsLong());
        }
    }

    /**
     * True when nothing is pending after the last complete statement, so a pause may stop here.
     * A possible end still waiting for the next line counts: stopping there ends the statement.
     */
    public boolean atStatementEnd() {
        return pending.length() == boundary || pending.length() == tentative;
    }

    public int capHits() {
        return capHits;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    private int tokensUpTo(int end) {
        int count = 0;
        for (int[] token : tokenEnds) {
            if (token[0] > end) {
                break;
            }
            count += token[1];
        }
        return count;
    }

    private void emit(int end, boolean complete, long now) {
        String text = pending.substring(0, end);
        int tokens = 0;
        while (!tokenEnds.isEmpty() && tokenEnds.peekFirst()[0] <= end) {
            tokens += tokenEnds.removeFirst()[1];
        }
        pending.delete(0, end);
        tokenEnds.forEach(token -> token[0] -= end);
        boundary = Math.max(0, boundary - end);
        tentative = tentative > end ? tentative - end : -1;
        lastFlushNanos = now;
        sink.accept(new Flush(text, tokens, complete));
    }
}
