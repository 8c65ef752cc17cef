package io.streamgen.agent.prompt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ContextEntry;
import io.streamgen.schema.ContextReport;
import io.streamgen.source.LayoutContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a task into the messages sent to the model, from templates under {@code src/main/resources}:
 * the shared {@code streamgen/prompts/system.md} and {@code task.md}, and the role's own guide
 * {@code prompts/role.md} from the role service. Context entries (other agents' signatures and
 * contracts, and whole files for tasks that edit them) are kept within the model's budget
 * ({@link ModelContexts}: its window less the fixed prompt and the answer's reserve, capped),
 * counted with the model family's tokenizer; what does not fit is summarised before anything is
 * dropped ({@link ContextPlanner}), and the {@link Prompt} says what was cut. Every role is given
 * the target stack's layout contract.
 */
public final class PromptBuilder {

    /**
     * Token counts of rendered text, per tokenizer: the tasks of a generation (five roles, four
     * phases) see mostly the same entries, and counting is the costliest part of a prompt (17 % of
     * an agent's samples at saturation, bench/results). Bounded by the characters kept (4 M: a few
     * MB of heap).
     */
    private static final Map<String, Cache<String, Integer>> COUNTED = new ConcurrentHashMap<>();

    private final String systemTemplate;
    private final String taskTemplate;
    private final String roleGuide;
    private final ModelContexts contexts;

    public PromptBuilder(String systemTemplate, String taskTemplate, String roleGuide, int contextBudgetTokens) {
        this(systemTemplate, taskTemplate, roleGuide, ModelContexts.fixed(contextBudgetTokens));
    }

    public PromptBuilder(String systemTemplate, String taskTemplate, String roleGuide, ModelContexts contexts) {
        this.systemTemplate = systemTemplate;
        this.taskTemplate = taskTemplate;
        this.roleGuide = roleGuide;
        this.contexts = contexts;
    }

    /** Templates from the class path: the shared ones and the role service's {@code prompts/role.md}. */
    public static PromptBuilder fromClasspath(int contextBudgetTokens) {
        return fromClasspath(ModelContexts.fixed(contextBudgetTokens));
    }

    public static PromptBuilder fromClasspath(ModelContexts contexts) {
        return new PromptBuilder(resource("streamgen/prompts/system.md"), resource("streamgen/prompts/task.md"),
                resource("prompts/role.md"), contexts);
    }

    public List<ChatMessage> messages(AgentTask task, List<String> steering) {
        return messages(task, steering, 1.0);
    }

    /** The task's prompt, with {@code contextShare} (0–1] of the context budget (less after a context-length error). */
    public List<ChatMessage> messages(AgentTask task, List<String> steering, double contextShare) {
        return prompt(task, steering, contextShare, task.getModel()).messages();
    }

    /** The task's prompt for {@code model} (a display name such as {@code openai:gpt-4o}): its budget and tokenizer. */
    public Prompt prompt(AgentTask task, List<String> steering, double contextShare, String model) {
        return prompt(task, task.getContext(), steering, contextShare, model);
    }

    /**
     * The prompt the task would get with {@code entries} as its context: with the entries in a
     * canonical order, the response cache's key of it (agents announce in whatever order they
     * finish, so the same context arrives in different orders).
     */
    public Prompt prompt(AgentTask task, List<ContextEntry> entries, List<String> steering, double contextShare,
                         String model) {
        ModelContext context = contexts.of(model);
        TaskCard card = new TaskCard(task.getRole(), task.getPhase(), task.getTargetStack(), task.getPrompt(),
                task.getBlueprint());
        String system = fill(systemTemplate, Map.of("role", task.getRole().name(), "role_guide", roleGuide.strip(),
                "target_stack", task.getTargetStack(),
                "layout", LayoutContract.forStack(task.getTargetStack()).render().strip()));
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "phase", task.getPhase().name(),
                "request", task.getPrompt().isBlank() ? "(see the task)" : task.getPrompt(),
                "instructions", task.getInstructions(),
                "steering", steering.isEmpty() ? "" : "\nThe person watching asked you to: "
                        + String.join("; then: ", steering) + "\n",
                "card", card.render()));
        values.put("context", "");
        int fixed = counted(context.tokenizer(), system) + counted(context.tokenizer(), fill(taskTemplate, values));
        int budget = context.contextBudget(fixed, contextShare);
        ContextPlanner.Plan plan = ContextPlanner.plan(task, entries, budget,
                text -> counted(context.tokenizer(), text));
        values.put("context", plan.text());
        String user = fill(taskTemplate, values);
        ContextReport report = ContextReport.newBuilder().setModel(context.model()).setTokenizer(context.tokenizer().name())
                .setBudgetTokens(budget).setUsedTokens(plan.usedTokens()).setWholeTokens(plan.wholeTokens())
                .setSummarised(plan.summarised()).setDropped(plan.dropped()).build();
        return new Prompt(List.of(SystemMessage.from(system), UserMessage.from(user)), fixed + plan.usedTokens(), report);
    }

    /**
     * A continuation: the task's prompt, what was already published (as the assistant's answer so
     * far) and a user turn asking to go on. Chat APIs do not continue a trailing assistant message,
     * so the request always ends with the user's turn (which also keeps Anthropic's rule that a
     * final assistant turn must not end in white space out of the way).
     */
    public List<ChatMessage> continuation(AgentTask task, List<String> steering, double contextShare, String published) {
        return continuation(task, steering, contextShare, published, task.getModel()).messages();
    }

    public Prompt continuation(AgentTask task, List<String> steering, double contextShare, String published, String model) {
        Prompt prompt = prompt(task, steering, contextShare, model);
        List<ChatMessage> messages = new ArrayList<>(prompt.messages());
        int tokens = prompt.tokens();
        if (!published.isBlank()) {
            messages.add(AiMessage.from(published.stripTrailing()));
            tokens += counted(contexts.of(model).tokenizer(), published);
        }
        messages.add(UserMessage.from(CONTINUE));
        return new Prompt(List.copyOf(messages), tokens, prompt.report());
    }

    static final String CONTINUE = """
            Your answer was interrupted. Everything you wrote above is kept exactly as it is.
            Continue from exactly where it stops, in the same format (`@file` and `@region` lines),
            without repeating anything already written.""";

    /** Context entries, most relevant kept, within the default budget (cl100k). */
    String context(List<ContextEntry> entries) {
        return context(entries, contexts.of("").contextCapTokens());
    }

    /** The entries that fit {@code budget} cl100k tokens ({@link ContextPlanner}). */
    String context(List<ContextEntry> entries, int budget) {
        AgentTask none = AgentTask.newBuilder().setGenerationId("").setTaskId("").setPhase(io.streamgen.schema.Phase.FEATURES)
                .setRole(io.streamgen.schema.Role.LOGIC).setInstructions("").setCreatedAt(java.time.Instant.EPOCH).build();
        return ContextPlanner.plan(none, entries, budget, PromptBuilder::countedTokens).text();
    }

    /** cl100k tokens of {@code text}, the approximation every model without its own tokenizer is counted with. */
    public static int countTokens(String text) {
        return ModelTokenizer.APPROXIMATE.count(text);
    }

    /** {@link #countTokens}, from {@link #COUNTED} when the same text was counted before. */
    static int countedTokens(String text) {
        return counted(ModelTokenizer.APPROXIMATE, text);
    }

    static int counted(ModelTokenizer tokenizer, String text) {
        return COUNTED.computeIfAbsent(tokenizer.name(), n -> Caffeine.newBuilder()
                .maximumWeight(4L << 20).weigher((String t, Integer count) -> t.length()).<String, Integer>build())
                .get(text, tokenizer::count);
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
