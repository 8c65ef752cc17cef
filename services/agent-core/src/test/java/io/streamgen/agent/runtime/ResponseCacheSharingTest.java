package io.streamgen.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import io.streamgen.agent.cache.CachingStreamingChatModel;
import io.streamgen.agent.config.StreamgenConfig;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CachedAnswer;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Sharing a finished task's answer on the cache topic, when that topic's channel refuses it. */
class ResponseCacheSharingTest {

    private static final String ANSWER = "// @file src/logic.js\nexport const one = 1;\n";

    /** An emitter whose buffer is full (Kafka slow or away): {@code send} throws, as SmallRye's does. */
    private static final class FullEmitter implements Emitter<CachedAnswer> {
        int refused;

        @Override
        public CompletionStage<Void> send(CachedAnswer payload) {
            refused++;
            throw new IllegalStateException("SRMSG00034: Insufficient downstream requests to emit item");
        }

        @Override
        public <M extends Message<? extends CachedAnswer>> void send(M message) {
            refused++;
            throw new IllegalStateException("SRMSG00034: Insufficient downstream requests to emit item");
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return false;
        }
    }

    private static StreamgenConfig cacheOn() {
        StreamgenConfig.Cache cache = (StreamgenConfig.Cache) Proxy.newProxyInstance(StreamgenConfig.class.getClassLoader(),
                new Class<?>[] {StreamgenConfig.Cache.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> true;
                    case "maxChars" -> 1_000_000L;
                    case "maxAge" -> Duration.ofDays(7);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (StreamgenConfig) Proxy.newProxyInstance(StreamgenConfig.class.getClassLoader(),
                new Class<?>[] {StreamgenConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("cache")) {
                        return cache;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Answers at once, in one piece. */
    private static final StreamingChatModel MODEL = new StreamingChatModel() {
        @Override
        public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
            handler.onPartialResponse(ANSWER);
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(ANSWER))
                    .finishReason(FinishReason.STOP).build());
        }
    };

    @Test
    void shouldKeepTheAnswerHereAndEndTheTaskWhenTheTopicRefusesIt() {
        ResponseCacheService service = new ResponseCacheService(cacheOn(), null, new KafkaAgentOutput());
        FullEmitter full = new FullEmitter();
        service.out = full;
        AgentTask task = AgentTask.newBuilder().setGenerationId("g-full").setTaskId("features-logic")
                .setPhase(Phase.FEATURES).setRole(Role.LOGIC).setInstructions("write").setPrompt("a todo app")
                .setCreatedAt(Instant.now()).build();
        CachingStreamingChatModel model = new CachingStreamingChatModel(MODEL, "template", "key-1", Optional.empty(), null);
        model.chat(ChatRequest.builder().messages(UserMessage.from("write")).build(), new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
            }

            @Override
            public void onError(Throwable error) {
            }
        });

        // the caller is the task's completion: what it does next (release the slot, commit the offset) must happen
        assertThatCode(() -> service.taskDone(task, 1, "template", model)).doesNotThrowAnyException();
        assertThat(full.refused).isEqualTo(1);
        assertThat(service.cache().get("key-1")).as("kept on this instance all the same").isPresent();
    }
}
