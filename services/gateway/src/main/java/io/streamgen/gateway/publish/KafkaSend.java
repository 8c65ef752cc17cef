package io.streamgen.gateway.publish;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends a record keyed by generation id; the stage completes when Kafka acknowledged it. */
final class KafkaSend {

    private KafkaSend() {
    }

    static <T> CompletionStage<Void> keyed(Emitter<T> emitter, String key, T value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(value,
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                error -> {
                    acked.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }
}
