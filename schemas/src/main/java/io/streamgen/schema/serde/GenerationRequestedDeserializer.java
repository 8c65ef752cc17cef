package io.streamgen.schema.serde;

import io.streamgen.schema.GenerationRequested;

/** {@link GenerationRequested} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class GenerationRequestedDeserializer extends AvroDeserializer<GenerationRequested> {
    public GenerationRequestedDeserializer() {
        super(GenerationRequested.class);
    }
}
