package io.streamgen.agent.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.Locale;
import java.util.stream.Collectors;

/** One message of a recorded request, as a replay matches it: its role and its text. */
public record RecordedMessage(String role, String text) {

    public static RecordedMessage of(ChatMessage message) {
        return new RecordedMessage(message.type().name().toLowerCase(Locale.ROOT), text(message));
    }

    @JsonIgnore
    public boolean isUser() {
        return "user".equals(role);
    }

    static String text(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.hasSingleText() ? user.singleText() : user.contents().stream()
                    .filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                    .collect(Collectors.joining("\n"));
        }
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof AiMessage ai) {
            return ai.text() == null ? "" : ai.text();
        }
        if (message instanceof ToolExecutionResultMessage tool) {
            return tool.text();
        }
        return "";
    }
}
