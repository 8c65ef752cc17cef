package io.streamgen.agent.runtime;

import io.streamgen.messaging.KafkaSend;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamgen.schema.DeadLetter;
import io.streamgen.schema.serde.AvroDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Decodes incoming records. Channels receive raw bytes and decode here rather than in the Kafka
 * deserializer, so that a record that cannot be decoded reaches {@code streamgen.dlq} as a
 * {@link DeadLetter} with its partition, offset and exact bytes, and the channel keeps going.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("dead-letters")
    Emitter<DeadLetter> deadLetters;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "streamgen-agent")
    String service;

    Clock clock = Clock.systemUTC();

    /** The decoded value, or empty after sending the record to the dead-letter topic. */
    public <T extends SpecificRecord> Optional<T> decode(Message<byte[]> message, AvroDeserializer<T> deserializer) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String topic = kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse("(in-memory)");
        try {
            return Optional.ofNullable(deserializer.deserialize(topic, message.getPayload()));
        } catch (UndecodableRecordException e) {
            Object key = kafka.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
            DeadLetter letter = DeadLetter.newBuilder().setSourceTopic(topic)
                    .setPartition(kafka.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1))
                    .setOffset(kafka.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L))
                    .setKey(key == null ? null : ByteBuffer.wrap(key.toString().getBytes(StandardCharsets.UTF_8)))
                    .setValue(message.getPayload() == null ? null : ByteBuffer.wrap(message.getPayload()))
                    .setErrorClass(e.getClass().getName()).setErrorMessage(e.getMessage())
                    .setService(service).setAt(clock.instant()).build();
            LOG.warnf("sending an undecodable record to the dead-letter topic: %s", e.getMessage());
            send(key == null ? topic : key.toString(), letter);
            return Optional.empty();
        }
    }

    CompletionStage<Void> send(String key, DeadLetter letter) {
        return KafkaSend.keyed(deadLetters, key, letter);
    }
}
