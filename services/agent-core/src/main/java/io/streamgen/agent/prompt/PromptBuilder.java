package io.streamgen.agent.prompt;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ContextEntry;
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
 * contracts) are kept newest first within a token budget counted with the cl100k tokenizer; what
 * does not fit is dropped, oldest first, and the prompt says how many were left out.
 */
public final class PromptBuilder {

    private static final Encoding TOKENIZER = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

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
        TaskCard card = new TaskCard(task.getRole(), task.getPhase(), task.getTargetStack(), task.getPrompt(),
                task.getBlueprint());
        String system = fill(systemTemplate, Map.of("role", task.getRole().name(), "role_guide", roleGuide.strip(),
                "target_stack", task.getTargetStack()));
        String user = fill(taskTemplate, Map.of(
                "phase", task.getPhase().name(),
                "request", task.getPrompt().isBlank() ? "(see the task)" : task.getPrompt(),
                "instructions", task.getInstructions(),
                "steering", steering.isEmpty() ? "" : "\nThe person watching asked you to: "
                        + String.join("; then: ", steering) + "\n",
                "context", context(task.getContext()),
                "card", card.render()));
        return List.of(SystemMessage.from(system), UserMessage.from(user));
    }

    /** Context entries, newest first, as many as fit the budget. */
    String context(List<ContextEntry> entries) {
        if (entries.isEmpty()) {
            return "(nothing yet)\n";
        }
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            ContextEntry entry = entries.get(i);
            String line = "- " + entry.getKind().name().toLowerCase() + " " + entry.getName() + ": " + entry.getText();
            int cost = TOKENIZER.countTokens(line);
            if (used + cost > contextBudgetTokens) {
                break;
            }
            used += cost;
            kept.add(0, line);
        }
        int dropped = entries.size() - kept.size();
        return String.join("\n", kept) + "\n" + (dropped > 0 ? "(" + dropped + " older entries left out)\n" : "");
    }

    public static int countTokens(String text) {
        return TOKENIZER.countTokens(text);
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
