package io.streamgen.schema.serde;

import io.streamgen.schema.GenerationEvent;

/** {@link GenerationEvent} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class GenerationEventDeserializer extends AvroDeserializer<GenerationEvent> {
    public GenerationEventDeserializer() {
        super(GenerationEvent.class);
    }
}
