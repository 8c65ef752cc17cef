package io.streamgen.agent.buffer;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Holds a model's tokens until they end a complete statement, then hands the statements out as
 * one chunk when the {@link FlushPolicy} says so. Concatenating every chunk gives back exactly the
 * text that went in. Only the hard cap (characters pending without any boundary) forces a chunk
 * that ends mid-statement; such chunks are marked incomplete and counted.
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
    private int boundary;          // pending[0, boundary) is complete statements
    private int tokensBeforeBoundary;
    private int tokensAfterBoundary;
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
            if (scanner.accept(token.charAt(i))) {
                boundary = pending.length();
                tokensBeforeBoundary += tokensAfterBoundary;
                tokensAfterBoundary = 0;
            }
        }
        if (!token.isEmpty()) {
            // a token counts towards the chunk its last character lands in
            if (boundary == pending.length()) {
                tokensBeforeBoundary += tokens;
            } else {
                tokensAfterBoundary += tokens;
            }
        }
        if (boundary > 0 && policy.shouldFlush(tokensBeforeBoundary, now - lastFlushNanos)) {
            emit(boundary, tokensBeforeBoundary, true, now);
        } else if (pending.length() - boundary >= hardCapChars) {
            capHits++;
            emit(pending.length(), tokensBeforeBoundary + tokensAfterBoundary, false, now);
        }
    }

    /** Hands out everything pending: the model finished, paused, or the region ended. */
    public void finish() {
        if (!pending.isEmpty()) {
            emit(pending.length(), tokensBeforeBoundary + tokensAfterBoundary, scanner.balanced(), clock.getAsLong());
        }
    }

    /** True when nothing is pending after the last complete statement (a pause may stop here). */
    public boolean atStatementEnd() {
        return pending.length() == boundary;
    }

    public int capHits() {
        return capHits;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    private void emit(int end, int tokens, boolean complete, long now) {
        String text = pending.substring(0, end);
        pending.delete(0, end);
        if (end >= boundary) {
            tokensAfterBoundary = end == boundary ? tokensAfterBoundary : 0;
            boundary = 0;
            tokensBeforeBoundary = 0;
        } else {
            boundary -= end;
        }
        lastFlushNanos = now;
        sink.accept(new Flush(text, tokens, complete));
    }
}
