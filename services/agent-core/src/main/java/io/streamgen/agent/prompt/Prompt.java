package io.streamgen.agent.prompt;

import dev.langchain4j.data.message.ChatMessage;
import io.streamgen.schema.ContextReport;
import java.util.List;

/**
 * The messages of one model call, what they cost and what their context lost to the budget.
 *
 * @param report what the context held; {@link #trimmed()} when something was summarised or left out
 */
public record Prompt(List<ChatMessage> messages, int tokens, ContextReport report) {

    public boolean trimmed() {
        return !report.getSummarised().isEmpty() || !report.getDropped().isEmpty();
    }

    /** Context tokens not sent, against sending every entry whole. */
    public int tokensSaved() {
        return Math.max(0, report.getWholeTokens() - report.getUsedTokens());
    }
}
