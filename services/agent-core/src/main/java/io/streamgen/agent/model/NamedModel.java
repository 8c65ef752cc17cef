package io.streamgen.agent.model;

import dev.langchain4j.model.chat.StreamingChatModel;

/** A streaming model and the name chunks, statuses and metrics report for it, e.g. {@code openai:gpt-4o-mini}. */
public record NamedModel(String name, StreamingChatModel model) {
}
