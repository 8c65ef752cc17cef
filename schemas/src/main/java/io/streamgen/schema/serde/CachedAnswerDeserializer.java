package io.streamgen.schema.serde;

import io.streamgen.schema.CachedAnswer;

/** {@link CachedAnswer} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class CachedAnswerDeserializer extends AvroDeserializer<CachedAnswer> {
    public CachedAnswerDeserializer() {
        super(CachedAnswer.class);
    }
}
