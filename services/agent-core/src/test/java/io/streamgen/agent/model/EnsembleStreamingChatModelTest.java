package io.streamgen.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.streamgen.agent.model.ScriptedModel.Ending;
import io.streamgen.agent.output.AnswerCheck;
import io.streamgen.schema.EnsemblePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnsembleStreamingChatModelTest {

    static final String VALID = "// @file src/logic.js\nexport function add(a, b) {\n  return a + b;\n}\n";
    static final String INVALID = "// @file src/logic.js\nexport function add(a, b) {\n  return a + ;\n}\n";

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final AnswerCheck check = new AnswerCheck(language -> Optional.empty());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private ScriptedModel model(String answer, long firstMillis, long gapMillis, Ending ending) {
        return new ScriptedModel(ScriptedModel.pieces(answer, 4), firstMillis, gapMillis, ending, scheduler);
    }

    private EnsembleStreamingChatModel ensemble(EnsemblePolicy policy, Duration stall, NamedModel... members) {
        return new EnsembleStreamingChatModel(List.of(members), policy, check, stall, stall, scheduler);
    }

    private static Collector chat(EnsembleStreamingChatModel ensemble) {
        Collector collector = new Collector();
        ensemble.chat(ChatRequest.builder().messages(UserMessage.from("write it")).build(), collector);
        return collector;
    }

    @Test
    void shouldLetTheFirstValidAnswerWinCancelTheRestAndForwardTheWinnerWhole() throws Exception {
        ScriptedModel fastInvalid = model(INVALID, 0, 1, Ending.STOP);
        ScriptedModel mediumValid = model(VALID, 50, 5, Ending.STOP);
        ScriptedModel slowValid = model(VALID, 80, 200, Ending.STOP);

        Collector out = chat(ensemble(EnsemblePolicy.FIRST_VALID, Duration.ofSeconds(10),
                new NamedModel("openai:fast", fastInvalid), new NamedModel("openai:medium", mediumValid),
                new NamedModel("openai:slow", slowValid)));

        out.done.get(10, TimeUnit.SECONDS);
        assertThat(out.text()).isEqualTo(VALID);
        assertThat(out.decision.get()).satisfies(d -> {
            assertThat(d.winner()).isEqualTo("openai:medium");
            assertThat(d.policy()).isEqualTo(EnsemblePolicy.FIRST_VALID);
            assertThat(d.reason()).startsWith("first valid answer after")
                    .contains("openai:fast answered, but src/logic.js does not parse").contains("openai:slow cancelled");
        });
        assertThat(out.decidedBeforeFirstToken).as("the decision comes before the winner's first token").isTrue();
        assertThat(slowValid.cancels).as("the slow member's stream was closed").hasValue(1);
        assertThat(mediumValid.cancels).hasValue(0);
        assertThat(out.started.get()).isNotNull();
    }

    @Test
    void shouldLetTheFirstTokenWinARaceAndForwardTheWinnersStreamAsItComes() throws Exception {
        ScriptedModel quick = model(VALID, 20, 10, Ending.STOP);
        ScriptedModel late = model(VALID, 400, 10, Ending.STOP);

        Collector out = chat(ensemble(EnsemblePolicy.RACE, Duration.ofSeconds(10),
                new NamedModel("openai:late", late), new NamedModel("openai:quick", quick)));

        out.done.get(10, TimeUnit.SECONDS);
        assertThat(out.text()).isEqualTo(VALID);
        assertThat(out.decision.get().winner()).isEqualTo("openai:quick");
        assertThat(out.decision.get().reason()).startsWith("first token after").contains("openai:late cancelled");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(late.cancels)
                .as("a loser that had not sent a token is closed at its first").hasValue(1));
        assertThat(out.tokens).hasSize(ScriptedModel.pieces(VALID, 4).size());
    }

    @Test
    void shouldKeepTheBestAnswerWhenNoneIsValidAndDropAStalledMember() throws Exception {
        ScriptedModel invalid = model(INVALID, 0, 1, Ending.STOP);
        ScriptedModel prose = model("I cannot help with that.", 0, 1, Ending.STOP);
        ScriptedModel stalled = new ScriptedModel(List.of("// @file src/logic.js\n"), 0, 1, Ending.STALL, scheduler);

        Collector out = chat(ensemble(EnsemblePolicy.FIRST_VALID, Duration.ofMillis(300), new NamedModel("openai:prose", prose),
                new NamedModel("openai:invalid", invalid), new NamedModel("openai:stalled", stalled)));

        out.done.get(10, TimeUnit.SECONDS);
        assertThat(out.decision.get().winner()).as("an answer that wrote a file beats one that did not").isEqualTo("openai:invalid");
        assertThat(out.decision.get().reason()).startsWith("no member's answer was valid")
                .contains("openai:stalled failed (stalled: no token for 0.3 s)");
        assertThat(out.text()).isEqualTo(INVALID);
        assertThat(stalled.cancels).hasValue(1);
    }

    @Test
    void shouldFailNamingEveryMemberWhenAllFail() throws Exception {
        Collector out = chat(ensemble(EnsemblePolicy.RACE, Duration.ofSeconds(10),
                new NamedModel("openai:a", model("", 0, 1, Ending.ERROR)),
                new NamedModel("openai:b", model("", 10, 1, Ending.ERROR))));

        assertThat(out.done).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(EnsembleFailedException.class)
                .withMessageContaining("openai:a: failed").withMessageContaining("openai:b: failed")
                .withMessageContaining("overloaded");
        assertThat(out.decision.get()).isNull();
    }

    @Test
    void shouldCancelEveryMemberThroughTheStartHandle() throws Exception {
        ScriptedModel a = model(VALID.repeat(20), 0, 20, Ending.STOP);
        ScriptedModel b = model(VALID.repeat(20), 0, 20, Ending.STOP);
        Collector out = chat(ensemble(EnsemblePolicy.FIRST_VALID, Duration.ofSeconds(10),
                new NamedModel("openai:a", a), new NamedModel("openai:b", b)));
        await().atMost(Duration.ofSeconds(5)).until(() -> out.progress > 0);

        out.started.get().cancel();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(a.cancels).hasValue(1);
            assertThat(b.cancels).hasValue(1);
        });
        Thread.sleep(300);
        assertThat(out.done).isNotDone();
        assertThat(out.tokens).isEmpty();
    }

    /** What the ensemble told its caller. */
    static final class Collector implements EnsembleHandler {
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        final AtomicReference<EnsembleDecision> decision = new AtomicReference<>();
        final AtomicReference<StreamingHandle> started = new AtomicReference<>();
        volatile int progress;
        volatile boolean decidedBeforeFirstToken;

        @Override
        public void onEnsembleStarted(StreamingHandle handle) {
            started.set(handle);
        }

        @Override
        public void onEnsembleProgress() {
            progress++;
        }

        @Override
        public void onEnsembleDecision(EnsembleDecision d) {
            decidedBeforeFirstToken = tokens.isEmpty();
            decision.set(d);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            tokens.add(partial.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        String text() {
            return String.join("", tokens);
        }
    }
}
