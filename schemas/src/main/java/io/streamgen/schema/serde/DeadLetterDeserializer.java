package io.streamgen.schema.serde;

import io.streamgen.schema.DeadLetter;

/** {@link DeadLetter} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class DeadLetterDeserializer extends AvroDeserializer<DeadLetter> {
    public DeadLetterDeserializer() {
        super(DeadLetter.class);
    }
}
