package io.streamgen.schema.serde;

import io.streamgen.schema.Intervention;

/** {@link Intervention} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class InterventionDeserializer extends AvroDeserializer<Intervention> {
    public InterventionDeserializer() {
        super(Intervention.class);
    }
}
