package io.streamgen.schema.serde;

import io.streamgen.schema.CodeChunk;

/** {@link CodeChunk} values, for clients configured by class name (SmallRye, plain Kafka). */
public final class CodeChunkDeserializer extends AvroDeserializer<CodeChunk> {
    public CodeChunkDeserializer() {
        super(CodeChunk.class);
    }
}
