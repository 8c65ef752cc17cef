package io.streamgen.schema.serde;

import io.streamgen.schema.Checkpoint;

/** {@link Checkpoint} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class CheckpointDeserializer extends AvroDeserializer<Checkpoint> {
    public CheckpointDeserializer() {
        super(Checkpoint.class);
    }
}
