package io.streamgen.agent.cache;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.streamgen.schema.ContextEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The response cache's key: SHA-256 over the model's name and its normalised prompt (the
 * prompt holds the task's instructions, the request and its context, so all three are in it;
 * the context in {@link #canonical} order).
 * Normalising makes prompts that differ only in line endings, trailing blanks or runs of blank
 * lines the same prompt; nothing else is folded (case and inner spacing can matter in code).
 */
public final class CacheKey {

    private static final Pattern TRAILING_BLANKS = Pattern.compile("[ \\t]+(?=\\n|$)");
    private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");

    private CacheKey() {
    }

    public static String of(String model, List<ChatMessage> messages) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
        update(sha, "model", model);
        for (ChatMessage message : messages) {
            update(sha, message.type().name(), normalise(textOf(message)));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Context entries in one order (kind, name, text): the same context, announced by agents that
     * finished in another order, makes the same key.
     */
    public static List<ContextEntry> canonical(List<ContextEntry> entries) {
        return entries.stream().sorted(Comparator.comparing((ContextEntry e) -> e.getKind().ordinal())
                .thenComparing(ContextEntry::getName).thenComparing(ContextEntry::getText)).toList();
    }

    static String normalise(String text) {
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        return BLANK_RUNS.matcher(TRAILING_BLANKS.matcher(lines).replaceAll("")).replaceAll("\n\n").strip();
    }

    private static String textOf(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof UserMessage user) {
            return user.hasSingleText() ? user.singleText() : user.contents().toString();
        }
        if (message instanceof AiMessage ai) {
            return ai.text() == null ? "" : ai.text();
        }
        return message.toString();
    }

    // length-prefixed, so that no two different message lists hash the same bytes
    private static void update(MessageDigest sha, String label, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update((label + ":" + bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        sha.update(bytes);
    }
}
