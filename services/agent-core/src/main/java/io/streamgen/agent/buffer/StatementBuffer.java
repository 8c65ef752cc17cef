package io.streamgen.agent.buffer;

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
    // Pending tokens [head, tail): where each ends (relative to pending) and how many model tokens
    // it stands for. Tokens [head, counted) end at or before the boundary; they sum to boundaryTokens.
    private int[] tokenEnd = new int[64];
    private int[] tokenCount = new int[64];
    private int head;
    private int tail;
    private int counted;
    private int boundaryTokens;
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
            appendToken(pending.length(), tokens);
        }
        while (counted < tail && tokenEnd[counted] <= boundary) {
            boundaryTokens += tokenCount[counted++];
        }
        if (boundary > 0 && policy.shouldFlush(boundaryTokens, now - lastFlushNanos)) {
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
     * Hands out the complete statements and drops what follows them: the stream broke in the
     * middle of a statement, and a continuation will write it again. Returns the dropped text.
     */
    public String finishAtStatement() {
        int end = Math.max(boundary, tentative);
        if (end > 0) {
            emit(end, true, clock.getAsLong());
        }
        String dropped = pending.toString();
        pending.setLength(0);
        head = 0;
        tail = 0;
        counted = 0;
        boundary = 0;
        tentative = -1;
        boundaryTokens = 0;
        return dropped;
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

    private void appendToken(int end, int count) {
        if (tail == tokenEnd.length) {
            if (head > 0) {
                // reuse the space of tokens already handed out
                System.arraycopy(tokenEnd, head, tokenEnd, 0, tail - head);
                System.arraycopy(tokenCount, head, tokenCount, 0, tail - head);
                tail -= head;
                counted -= head;
                head = 0;
            } else {
                tokenEnd = java.util.Arrays.copyOf(tokenEnd, tokenEnd.length * 2);
                tokenCount = java.util.Arrays.copyOf(tokenCount, tokenCount.length * 2);
            }
        }
        tokenEnd[tail] = end;
        tokenCount[tail++] = count;
    }

    private void emit(int end, boolean complete, long now) {
        String text = pending.substring(0, end);
        int tokens = 0;
        while (head < tail && tokenEnd[head] <= end) {
            tokens += tokenCount[head++];
        }
        counted = Math.max(counted, head);
        boundaryTokens = 0;
        for (int i = head; i < tail; i++) {
            tokenEnd[i] -= end;
        }
        pending.delete(0, end);
        boundary = Math.max(0, boundary - end);
        tentative = tentative > end ? tentative - end : -1;
        lastFlushNanos = now;
        sink.accept(new Flush(text, tokens, complete));
    }
}
