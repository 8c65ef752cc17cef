package io.streamgen.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import io.streamgen.schema.CacheProvenance;
import io.streamgen.schema.CachedAnswer;
import io.streamgen.schema.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheTest {

    private static final String ANSWER = "// @file src/logic.js\n// @region add\nexport function add(a, b) {\n  return a + b;\n}\n// @endregion\n";
    private static final List<ChatMessage> PROMPT = List.of(SystemMessage.from("You are the LOGIC agent."),
            UserMessage.from("Write add.\n"));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A model that answers every call with {@link #ANSWER} in a few pieces, counting its calls. */
    private static final class CountingModel implements StreamingChatModel {
        final AtomicInteger calls = new AtomicInteger();
        FinishReason finish = FinishReason.STOP;

        @Override
        public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
            calls.incrementAndGet();
            for (String piece : ANSWER.split("(?<=\n)")) {
                handler.onPartialResponse(piece);
            }
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(ANSWER)).finishReason(finish).build());
        }
    }

    private static final class Collector implements StreamingChatResponseHandler {
        final List<String> pieces = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        final int cancelAfter;

        Collector(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void onPartialResponse(String partial) {
            pieces.add(partial);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            pieces.add(partial.text());
            if (pieces.size() == cancelAfter) {
                context.streamingHandle().cancel();
                done.complete(null);
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }
    }

    private static CachedAnswer entry(String key, String answer, Instant createdAt) {
        return CachedAnswer.newBuilder().setModel("template").setRole(Role.LOGIC).setAnswer(answer)
                .setProvenance(CacheProvenance.newBuilder().setKey(key).setSourceGenerationId("g-1")
                        .setSourceTaskId("features-logic").build())
                .setCreatedAt(createdAt).build();
    }

    private static ChatResponse await(Collector collector) throws Exception {
        return collector.done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldKeyByModelAndPromptIgnoringOnlyLineEndingsAndBlankRuns() {
        String key = CacheKey.of("template", PROMPT);

        assertThat(key).hasSize(64).isEqualTo(CacheKey.of("template", List.of(SystemMessage.from("You are the LOGIC agent.  "),
                UserMessage.from("Write add.\r\n\n\n\n"))));
        assertThat(CacheKey.of("openai:gpt-4o", PROMPT)).as("another model").isNotEqualTo(key);
        assertThat(CacheKey.of("template", List.of(SystemMessage.from("You are the LOGIC agent."), UserMessage.from("write add."))))
                .as("case is kept").isNotEqualTo(key);
        assertThat(CacheKey.of("template", List.of(UserMessage.from("You are the LOGIC agent."), UserMessage.from("Write add."))))
                .as("who said it counts").isNotEqualTo(key);
        assertThat(CacheKey.of("template", List.of(SystemMessage.from("ab"), UserMessage.from("c"))))
                .as("no two message lists hash the same bytes").isNotEqualTo(CacheKey.of("template",
                        List.of(SystemMessage.from("a"), UserMessage.from("bc"))));
    }

    @Test
    void shouldOrderTheSameContextTheSameWayWhateverOrderItWasAnnouncedIn() {
        var a = io.streamgen.schema.ContextEntry.newBuilder().setKind(io.streamgen.schema.ContextKind.SIGNATURE)
                .setName("logic:add").setText("add(a, b)").build();
        var b = io.streamgen.schema.ContextEntry.newBuilder().setKind(io.streamgen.schema.ContextKind.CONTRACT)
                .setName("api:routes").setText("GET /todos").build();
        var c = io.streamgen.schema.ContextEntry.newBuilder().setKind(io.streamgen.schema.ContextKind.SIGNATURE)
                .setName("api:fetchTodos").setText("fetchTodos()").build();

        assertThat(CacheKey.canonical(List.of(a, b, c))).isEqualTo(CacheKey.canonical(List.of(c, a, b)))
                .containsExactly(c, a, b);
    }

    @Test
    void shouldServeOnlyYoungEnoughEntriesWithinItsSize() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        ResponseCache cache = new ResponseCache(10_000, Duration.ofDays(7), Clock.fixed(now, ZoneOffset.UTC));

        cache.put(entry("fresh", ANSWER, now.minus(Duration.ofDays(1))));
        cache.put(entry("stale", ANSWER, now.minus(Duration.ofDays(8))));

        assertThat(cache.get("fresh")).isPresent();
        assertThat(cache.get("stale")).as("read late from the topic, still too old").isEmpty();
        cache.remove("fresh");
        assertThat(cache.get("fresh")).as("a tombstone removes it").isEmpty();

        for (int i = 0; i < 100; i++) {
            cache.put(entry("k" + i, "x".repeat(1_000), now));
        }
        assertThat(cache.size()).as("bounded by characters held").isLessThanOrEqualTo(10);
    }

    @Test
    void shouldMissAnEntryAnotherRoleOrModelWroteUnderTheSameKey() {
        ResponseCache cache = new ResponseCache(10_000, Duration.ofDays(7), Clock.systemUTC());
        cache.put(entry("k", ANSWER, Instant.now())); // LOGIC's, on template

        assertThat(cache.get("k", Role.LOGIC, "template")).isPresent();
        assertThat(cache.get("k", Role.UI, "template")).as("another role's code").isEmpty();
        assertThat(cache.get("k", Role.LOGIC, "openai:gpt-4o")).as("another model's answer").isEmpty();
    }

    @Test
    void shouldStreamACachedAnswerWithoutCallingTheModel() throws Exception {
        CountingModel model = new CountingModel();
        String key = CacheKey.of("template", PROMPT);
        CachingStreamingChatModel cached = new CachingStreamingChatModel(model, "template", key,
                Optional.of(entry(key, ANSWER, Instant.now())), scheduler);
        Collector collector = new Collector(Integer.MAX_VALUE);

        cached.chat(ChatRequest.builder().messages(PROMPT).build(), collector);

        assertThat(await(collector).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(String.join("", collector.pieces)).isEqualTo(ANSWER);
        assertThat(collector.pieces).as("token-sized pieces, as a model streams").hasSizeGreaterThan(10);
        assertThat(model.calls).hasValue(0);
        assertThat(cached.cacheableAnswer()).as("served, not written").isEmpty();

        // asked again (a continuation, a steer): the model answers
        Collector again = new Collector(Integer.MAX_VALUE);
        cached.chat(ChatRequest.builder().messages(PROMPT).build(), again);
        assertThat(await(again)).isNotNull();
        assertThat(model.calls).hasValue(1);
    }

    @Test
    void shouldStopACachedStreamWhenCancelled() throws Exception {
        String key = CacheKey.of("template", PROMPT);
        String longAnswer = ANSWER.repeat(200);
        CachingStreamingChatModel cached = new CachingStreamingChatModel(new CountingModel(), "template", key,
                Optional.of(entry(key, longAnswer, Instant.now())), scheduler);
        Collector collector = new Collector(5);

        cached.chat(ChatRequest.builder().messages(PROMPT).build(), collector);
        await(collector);
        Thread.sleep(100); // a cancelled playback sends nothing more: give it the chance to misbehave

        assertThat(collector.pieces).hasSize(5);
    }

    @Test
    void shouldOfferTheAnswerOfOneUninterruptedStreamToTheKeyedPromptOnly() throws Exception {
        String key = CacheKey.of("template", PROMPT);
        CachingStreamingChatModel fresh = new CachingStreamingChatModel(new CountingModel(), "template", key,
                Optional.empty(), scheduler);
        Collector collector = new Collector(Integer.MAX_VALUE);
        fresh.chat(ChatRequest.builder().messages(PROMPT).build(), collector);
        await(collector);
        assertThat(fresh.cacheableAnswer()).contains(ANSWER);
        assertThat(fresh.capturedTokens()).isEqualTo(ANSWER.split("(?<=\n)").length);

        CachingStreamingChatModel continued = new CachingStreamingChatModel(new CountingModel(), "template", key,
                Optional.empty(), scheduler);
        continued.chat(ChatRequest.builder().messages(PROMPT).build(), new Collector(Integer.MAX_VALUE));
        continued.chat(ChatRequest.builder().messages(List.of(UserMessage.from("Continue"))).build(),
                new Collector(Integer.MAX_VALUE));
        assertThat(continued.cacheableAnswer()).as("written in two streams").isEmpty();

        CountingModel cut = new CountingModel();
        cut.finish = FinishReason.LENGTH;
        CachingStreamingChatModel limited = new CachingStreamingChatModel(cut, "template", key, Optional.empty(), scheduler);
        limited.chat(ChatRequest.builder().messages(PROMPT).build(), new Collector(Integer.MAX_VALUE));
        assertThat(limited.cacheableAnswer()).as("stopped at its output limit: not a whole answer").isEmpty();
    }

    @Test
    void shouldTrackTheOffsetsOfATasksChunks() {
        ChunkOffsets offsets = new ChunkOffsets();
        offsets.acknowledged("g", "t", 1, 2, 40);
        offsets.acknowledged("g", "t", 1, 2, 38); // acknowledgements can arrive out of order
        offsets.acknowledged("g", "t", 1, 2, 45);
        offsets.acknowledged("g", "t", 2, 2, 99);

        assertThat(offsets.take("g", "t", 1)).contains(new ChunkOffsets.Span(2, 38, 45));
        assertThat(offsets.take("g", "t", 1)).as("taken once").isEmpty();
        assertThat(offsets.take("g", "t", 2)).contains(new ChunkOffsets.Span(2, 99, 99));
    }
}
