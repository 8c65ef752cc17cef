package io.streamgen.agent.prompt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ContextEntry;
import io.streamgen.schema.ContextKind;
import io.streamgen.source.Directive;
import io.streamgen.source.LayoutContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a task into the messages sent to the model, from templates under {@code src/main/resources}:
 * the shared {@code streamgen/prompts/system.md} and {@code task.md}, and the role's own guide
 * {@code prompts/role.md} from the role service. Context entries (other agents' signatures and
 * contracts, and whole files for tasks that edit them) are kept within a token budget counted with
 * the cl100k tokenizer: what does not fit is summarised or skipped (see {@link #context(List, int)}).
 * Every role is given the target stack's layout contract.
 */
public final class PromptBuilder {

    private static final Encoding TOKENIZER = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    /**
     * Token counts of rendered context entries: the tasks of a generation (five roles, four phases)
     * see mostly the same entries, and counting is the costliest part of a prompt (17 % of an agent's
     * samples at saturation, bench/results). Bounded by the characters kept (4 M: a few MB of heap).
     */
    private static final Cache<String, Integer> COUNTED = Caffeine.newBuilder()
            .maximumWeight(4L << 20).weigher((String text, Integer count) -> text.length()).build();

    private final String systemTemplate;
    private final String taskTemplate;
    private final String roleGuide;
    private final int contextBudgetTokens;

    public PromptBuilder(String systemTemplate, String taskTemplate, String roleGuide, int contextBudgetTokens) {
        this.systemTemplate = systemTemplate;
        this.taskTemplate = taskTemplate;
        this.roleGuide = roleGuide;
        this.contextBudgetTokens = contextBudgetTokens;
    }

    /** Templates from the class path: the shared ones and the role service's {@code prompts/role.md}. */
    public static PromptBuilder fromClasspath(int contextBudgetTokens) {
        return new PromptBuilder(resource("streamgen/prompts/system.md"), resource("streamgen/prompts/task.md"),
                resource("prompts/role.md"), contextBudgetTokens);
    }

    public List<ChatMessage> messages(AgentTask task, List<String> steering) {
        return messages(task, steering, 1.0);
    }

    /** The task's prompt, with {@code contextShare} (0–1] of the context budget (less after a context-length error). */
    public List<ChatMessage> messages(AgentTask task, List<String> steering, double contextShare) {
        TaskCard card = new TaskCard(task.getRole(), task.getPhase(), task.getTargetStack(), task.getPrompt(),
                task.getBlueprint());
        String system = fill(systemTemplate, Map.of("role", task.getRole().name(), "role_guide", roleGuide.strip(),
                "target_stack", task.getTargetStack(),
                "layout", LayoutContract.forStack(task.getTargetStack()).render().strip()));
        String user = fill(taskTemplate, Map.of(
                "phase", task.getPhase().name(),
                "request", task.getPrompt().isBlank() ? "(see the task)" : task.getPrompt(),
                "instructions", task.getInstructions(),
                "steering", steering.isEmpty() ? "" : "\nThe person watching asked you to: "
                        + String.join("; then: ", steering) + "\n",
                "context", context(task.getContext(), (int) Math.max(200, contextBudgetTokens * contextShare)),
                "card", card.render()));
        return List.of(SystemMessage.from(system), UserMessage.from(user));
    }

    /**
     * A continuation: the task's prompt, what was already published (as the assistant's answer so
     * far) and a user turn asking to go on. Chat APIs do not continue a trailing assistant message,
     * so the request always ends with the user's turn (which also keeps Anthropic's rule that a
     * final assistant turn must not end in white space out of the way).
     */
    public List<ChatMessage> continuation(AgentTask task, List<String> steering, double contextShare, String published) {
        List<ChatMessage> messages = new ArrayList<>(messages(task, steering, contextShare));
        if (!published.isBlank()) {
            messages.add(AiMessage.from(published.stripTrailing()));
        }
        messages.add(UserMessage.from(CONTINUE));
        return messages;
    }

    static final String CONTINUE = """
            Your answer was interrupted. Everything you wrote above is kept exactly as it is.
            Continue from exactly where it stops, in the same format (`@file` and `@region` lines),
            without repeating anything already written.""";

    /** Context entries, newest first, as many as fit the budget. */
    String context(List<ContextEntry> entries) {
        return context(entries, contextBudgetTokens);
    }

    /**
     * The entries that fit {@code budget} tokens: whole files (the task edits them) first, then
     * contracts, signatures and components, newest first within each kind. An entry that does not
     * fit is skipped, not the end of the list; a file that does not fit is shown by its signatures
     * (its exports) when those fit. The prompt says what was summarised and what was left out.
     */
    String context(List<ContextEntry> entries, int budget) {
        if (entries.isEmpty()) {
            return "(nothing yet)\n";
        }
        List<Integer> order = new ArrayList<>();
        for (ContextKind kind : List.of(ContextKind.FILE, ContextKind.CONTRACT, ContextKind.SIGNATURE, ContextKind.COMPONENT)) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).getKind() == kind) {
                    order.add(i);
                }
            }
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        String[] kept = new String[entries.size()];
        int used = 0;
        int summarised = 0;
        int dropped = 0;
        for (int i : order) {
            ContextEntry entry = entries.get(i);
            String line = render(entry, entry.getText());
            int cost = countedTokens(line);
            if (used + cost > budget && entry.getKind() == ContextKind.FILE) {
                line = render(entry, ContextSummary.signaturesOf(entry.getName(), entry.getText()));
                cost = countedTokens(line);
                if (used + cost <= budget) {
                    summarised++;
                }
            }
            if (used + cost > budget) {
                dropped++;
                continue;
            }
            used += cost;
            kept[i] = line;
        }
        StringBuilder out = new StringBuilder();
        for (String line : kept) {
            if (line != null) {
                out.append(line).append(line.endsWith("\n") ? "" : "\n");
            }
        }
        if (summarised > 0) {
            out.append("(").append(summarised).append(summarised == 1 ? " file" : " files")
                    .append(" shown by signatures only: the budget did not fit them whole)\n");
        }
        if (dropped > 0) {
            out.append("(").append(dropped).append(dropped == 1 ? " entry" : " entries").append(" left out: over the budget)\n");
        }
        return out.toString();
    }

    private static String render(ContextEntry entry, String text) {
        if (entry.getKind() == ContextKind.FILE) {
            // a file as the agent would write it, with a trailing line break so the next marker starts a line
            return "- file " + entry.getName() + ":\n" + Directive.file(entry.getName()) + text
                    + (text.endsWith("\n") ? "" : "\n");
        }
        return "- " + entry.getKind().name().toLowerCase() + " " + entry.getName() + ": " + text;
    }

    public static int countTokens(String text) {
        return TOKENIZER.countTokens(text);
    }

    /** {@link #countTokens}, from {@link #COUNTED} when the same text was counted before. */
    static int countedTokens(String text) {
        return COUNTED.get(text, TOKENIZER::countTokens);
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt template " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
