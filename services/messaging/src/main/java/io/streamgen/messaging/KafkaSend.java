package io.streamgen.messaging;

import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends a keyed record through a SmallRye emitter; the stage completes when Kafka acknowledged it
 * (or fails with Kafka's error), which is what lets a caller commit its input only after its output.
 */
public final class KafkaSend {

    private KafkaSend() {
    }

    /**
     * {@link #keyed}, completing with where Kafka put the record (partition and offset); the
     * connector fills the {@link OutgoingMessageMetadata} once the broker acknowledged it.
     */
    public static <T> CompletionStage<RecordMetadata> keyedWithMetadata(Emitter<T> emitter, String key, T value,
                                                                        Object... extra) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        OutgoingMessageMetadata<RecordMetadata> result = new OutgoingMessageMetadata<>();
        Message<T> message = Message.of(value,
                metadata(key, extra).with(result),
                () -> {
                    acked.complete(result.getResult());
                    return CompletableFuture.completedFuture(null);
                },
                error -> {
                    acked.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }

    /**
     * Sends {@code value} keyed by {@code key}; {@code extra} are further metadata for the connector
     * (e.g. the trace context the record's producer span is a child of).
     */
    public static <T> CompletionStage<Void> keyed(Emitter<T> emitter, String key, T value, Object... extra) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(value,
                metadata(key, extra),
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

    private static Metadata metadata(String key, Object... extra) {
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        for (Object item : extra) {
            metadata = metadata.with(item);
        }
        return metadata;
    }
}
