package io.streamgen.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.data.message.UserMessage;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import io.streamgen.agent.template.AppSpecs;
import io.streamgen.agent.template.TemplateApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hosted providers, through langchain4j, against a loopback server speaking their streaming
 * wire formats: tokens arrive in order, and cancelling closes the HTTP stream.
 */
class HostedProvidersTest {

    private final ModelFactory factory = new ModelFactory(Executors.newSingleThreadScheduledExecutor(),
            Map.of("ANTHROPIC_API_KEY", "test-key")::get);

    private static FakeStreamingServer server(String provider, List<String> tokens, long pauseMillis) throws Exception {
        return provider.equals("openai")
                ? new FakeStreamingServer("/v1/chat/completions", FakeStreamingServer.OPENAI, body -> tokens, pauseMillis)
                : new FakeStreamingServer("/v1/messages", FakeStreamingServer.ANTHROPIC, body -> tokens, pauseMillis);
    }

    private StreamingChatModel model(String provider, FakeStreamingServer server) {
        return factory.create(new ModelSettings(provider, "fake-model", Optional.of(server.baseUrl("/v1/")),
                Optional.empty(), Duration.ofSeconds(20), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic"})
    void shouldStreamEveryTokenInOrder(String provider) throws Exception {
        List<String> tokens = Tokens.split(TemplateApp.answer(Role.LOGIC, Phase.SKELETON, AppSpecs.from(null, "a todo app")));
        try (FakeStreamingServer server = server(provider, tokens, 0)) {
            List<String> received = new CopyOnWriteArrayList<>();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();

            model(provider, server).chat(ChatRequest.builder().messages(UserMessage.from("write it")).build(),
                    new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String partial) {
                            received.add(partial);
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                            done.complete(response);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.completeExceptionally(error);
                        }
                    });

            ChatResponse response = done.get(30, TimeUnit.SECONDS);
            assertThat(String.join("", received)).isEqualTo(String.join("", tokens));
            assertThat(response.aiMessage().text()).isEqualTo(String.join("", tokens));
            assertThat(server.lastRequest.get()).contains("fake-model").contains("write it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic"})
    void shouldCloseTheHttpStreamWhenCancelled(String provider) throws Exception {
        List<String> endless = IntStream.range(0, 2_000).mapToObj(i -> "token" + i + " ").toList();
        try (FakeStreamingServer server = server(provider, endless, 10)) {
            List<String> received = new CopyOnWriteArrayList<>();

            model(provider, server).chat(ChatRequest.builder().messages(UserMessage.from("write it")).build(),
                    new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                            received.add(partial.text());
                            if (received.size() == 3) {
                                context.streamingHandle().cancel();
                            }
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                        }

                        @Override
                        public void onError(Throwable error) {
                        }
                    });

            assertThat(server.clientClosed.await(15, TimeUnit.SECONDS))
                    .as("the server saw the client close the stream").isTrue();
            assertThat(received.size()).isLessThan(endless.size());
        }
    }
}
