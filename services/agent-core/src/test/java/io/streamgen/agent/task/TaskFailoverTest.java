package io.streamgen.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.OutputAnnouncements;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.agent.metrics.AgentMetrics;
import io.streamgen.agent.model.NamedModel;
import io.streamgen.agent.model.TemplateStreamingChatModel;
import io.streamgen.agent.prompt.PromptBuilder;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ChunkOp;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.ModelSwitch;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.SwitchCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task on a chain of models: the next one takes over at once, from the last published statement. */
class TaskFailoverTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final RecordingOutput output = new RecordingOutput();
    private final PromptBuilder prompts = new PromptBuilder("role {{role}} {{role_guide}}",
            "{{instructions}}{{steering}}\n{{context}}\n{{card}}", "guide", 2000);
    private final RoleBehaviour ui = new RoleBehaviour() {
        @Override
        public Role role() {
            return Role.UI;
        }

        @Override
        public List<Announcement> announce(String path, String code) {
            return OutputAnnouncements.components(code);
        }
    };
    private final StreamingChatModel template = new TemplateStreamingChatModel(0, scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static AgentTask task(String generationId) {
        return AgentTask.newBuilder().setGenerationId(generationId).setTaskId("features-ui").setAttempt(1)
                .setPhase(Phase.FEATURES).setRole(Role.UI).setInstructions("write the components")
                .setPrompt("a todo app").setBlueprint(SampleRecords.blueprint()).setCreatedAt(Instant.now()).build();
    }

    /** Stall deadlines of 300 ms, checked every 50 ms; a backoff of 30 s that a failover must not wait for. */
    private static TaskSettings settings(int retries, Duration backoff) {
        return new TaskSettings(Duration.ofSeconds(30), retries, backoff, Duration.ofMillis(500), 4096, 100,
                Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(50));
    }

    private TaskExecution execution(AgentTask task, TaskSettings settings, NamedModel... chain) {
        return new TaskExecution(task, 1, List.of(chain), new TaskExecution.Deps(output, prompts, ui, AgentMetrics.NONE,
                scheduler, Clock.systemUTC(), settings));
    }

    private Map<String, String> uninterruptedText() throws Exception {
        execution(task("g0"), settings(0, Duration.ofMillis(10)), new NamedModel("template", template))
                .start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Map<String, String> whole = output.text(1);
        output.chunks.clear();
        output.statuses.clear();
        return whole;
    }

    /** The template's answer, cut after {@code tokens} tokens and then silent: a stream that stalls. */
    private StreamingChatModel stallingAfter(int tokens, AtomicInteger calls) {
        return new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
                calls.incrementAndGet();
                template.chat(request, new StreamingChatResponseHandler() {
                    private int sent;

                    @Override
                    public void onPartialResponse(String partial) {
                        if (sent++ < tokens) {
                            handler.onPartialResponse(partial);
                        }
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        // never passed on: the provider went quiet
                    }

                    @Override
                    public void onError(Throwable error) {
                    }
                });
            }
        };
    }

    private StreamingChatModel failing(RuntimeException error, int times, AtomicInteger calls) {
        return new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
                if (calls.incrementAndGet() <= times) {
                    handler.onError(error);
                } else {
                    template.chat(request, handler);
                }
            }
        };
    }

    private List<ModelSwitch> switches() {
        return output.statuses.stream().map(AgentStatus::getModelSwitch).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void shouldContinueOnTheNextModelAtOnceWhenTheFirstStallsWithNothingRepeatedOrLost() throws Exception {
        Map<String, String> whole = uninterruptedText();
        AtomicInteger stalledCalls = new AtomicInteger();
        AtomicInteger nextCalls = new AtomicInteger();

        var outcome = execution(task("g1"), settings(2, Duration.ofSeconds(30)),
                new NamedModel("openai:stalls", stallingAfter(120, stalledCalls)),
                new NamedModel("openai:answers", failing(null, 0, nextCalls)))
                .start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(TaskExecution.Outcome.DONE);
        assertThat(output.text(1)).as("the stalled stream and the next model's continuation make the whole answer once")
                .isEqualTo(whole);
        assertThat(stalledCalls).hasValue(1);
        assertThat(nextCalls).hasValue(1);
        assertThat(switches()).singleElement().satisfies(s -> {
            assertThat(s.getFromModel()).isEqualTo("openai:stalls");
            assertThat(s.getToModel()).isEqualTo("openai:answers");
            assertThat(s.getCause()).isEqualTo(SwitchCause.FAILOVER);
            assertThat(s.getReason()).contains("stalled");
        });
        List<CodeChunk> content = output.chunks.stream().filter(c -> c.getOp() != ChunkOp.END).toList();
        int firstOfNext = content.indexOf(content.stream().filter(c -> c.getModel().equals("openai:answers")).findFirst()
                .orElseThrow());
        assertThat(firstOfNext).as("the stalled model published some statements first").isPositive();
        assertThat(content.subList(0, firstOfNext)).allMatch(c -> c.getModel().equals("openai:stalls"));
        assertThat(content.subList(firstOfNext, content.size())).allMatch(c -> c.getModel().equals("openai:answers"));
        assertThat(output.chunks).extracting(CodeChunk::getSeq).isSorted().doesNotHaveDuplicates();
        assertThat(output.statuses.get(output.statuses.size() - 1).getNotes())
                .anyMatch(n -> n.startsWith("failed over from openai:stalls to openai:answers"));
    }

    @Test
    void shouldFailOverAtOnceOnAPermanentErrorBeforeAnythingWasPublished() throws Exception {
        AtomicInteger refusedCalls = new AtomicInteger();
        var outcome = execution(task("g2"), settings(2, Duration.ofSeconds(30)),
                new NamedModel("anthropic:refused", failing(new AuthenticationException("invalid x-api-key"), 99, refusedCalls)),
                new NamedModel("openai:answers", template))
                .start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(TaskExecution.Outcome.DONE);
        assertThat(refusedCalls).as("a refused key is not asked again").hasValue(1);
        assertThat(output.chunks).allMatch(c -> c.getModel().equals("openai:answers") && c.getAttempt() == 1);
        assertThat(output.statuses).filteredOn(s -> s.getModelSwitch() != null).singleElement().satisfies(s -> {
            assertThat(s.getState()).as("nothing was published: the next model's start carries the switch")
                    .isEqualTo(AgentState.STARTED);
            assertThat(s.getModel()).isEqualTo("openai:answers");
            assertThat(s.getModelSwitch().getReason()).contains("refused the credentials");
        });
    }

    @Test
    void shouldApplyTheConfiguredRetriesOnlyOnTheLastModel() throws Exception {
        AtomicInteger firstCalls = new AtomicInteger();
        AtomicInteger lastCalls = new AtomicInteger();
        HttpException overloaded = new HttpException(503, "overloaded");

        var outcome = execution(task("g3"), settings(1, Duration.ofMillis(20)),
                new NamedModel("openai:a", failing(overloaded, 99, firstCalls)),
                new NamedModel("openai:b", failing(overloaded, 1, lastCalls)))
                .start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(TaskExecution.Outcome.DONE);
        assertThat(firstCalls).as("the first model's error moves on at once").hasValue(1);
        assertThat(lastCalls).as("the last model is retried as configured").hasValue(2);

        output.statuses.clear();
        AtomicInteger neverCalls = new AtomicInteger();
        var failed = execution(task("g4"), settings(1, Duration.ofMillis(20)),
                new NamedModel("openai:a", failing(overloaded, 99, new AtomicInteger())),
                new NamedModel("openai:b", failing(overloaded, 99, neverCalls)))
                .start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(failed).isEqualTo(TaskExecution.Outcome.FAILED);
        assertThat(neverCalls).hasValue(2);
        AgentStatus last = output.statuses.get(output.statuses.size() - 1);
        assertThat(last.getError()).contains("gave up after 2 attempts").contains("HTTP 503");
        assertThat(last.getModel()).isEqualTo("openai:b");
    }

    @Test
    void shouldPublishARaceWinnersStreamUnderItsNameAndSayWhyItWon() throws Exception {
        Map<String, String> whole = uninterruptedText();
        StreamingChatModel silent = new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
                // thinks for ever: the race is lost before a token
            }
        };
        var ensemble = new io.streamgen.agent.model.EnsembleStreamingChatModel(
                List.of(new NamedModel("openai:silent", silent), new NamedModel("openai:quick", template)),
                io.streamgen.schema.EnsemblePolicy.RACE, new io.streamgen.agent.output.AnswerCheck(l -> java.util.Optional.empty()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), scheduler);

        var outcome = execution(task("g6"), settings(2, Duration.ofMillis(20)), new NamedModel("openai:silent", ensemble))
                .start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(TaskExecution.Outcome.DONE);
        assertThat(output.text(1)).isEqualTo(whole);
        assertThat(output.chunks).allMatch(c -> c.getModel().equals("openai:quick"));
        assertThat(switches()).singleElement().satisfies(s -> {
            assertThat(s.getCause()).isEqualTo(SwitchCause.ENSEMBLE);
            assertThat(s.getFromModel()).isEqualTo("openai:silent");
            assertThat(s.getToModel()).isEqualTo("openai:quick");
            assertThat(s.getReason()).startsWith("first token after").contains("openai:silent cancelled");
        });
    }

    @Test
    void shouldKeepStreamingOnAModelThatDoesNotFail() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        StreamingChatModel unused = new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
                asked.add("fallback");
            }
        };

        var outcome = execution(task("g5"), settings(2, Duration.ofMillis(20)),
                new NamedModel("openai:answers", template), new NamedModel("openai:fallback", unused))
                .start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(TaskExecution.Outcome.DONE);
        assertThat(asked).isEmpty();
        assertThat(switches()).isEmpty();
    }
}
