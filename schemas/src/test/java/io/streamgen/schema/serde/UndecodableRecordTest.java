package io.streamgen.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.streamgen.schema.AgentTask;
import io.streamgen.schema.CodeChunk;
import io.streamgen.schema.SampleRecords;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UndecodableRecordTest {

    private final AvroSerializer<CodeChunk> serializer = new AvroSerializer<>();
    private final AvroDeserializer<CodeChunk> chunks = new AvroDeserializer<>(CodeChunk.class);

    @Test
    void shouldNameTopicAndReasonForBytesThatAreNotAvro() {
        assertThatThrownBy(() -> chunks.deserialize("streamgen.chunks", "{\"json\":true}".getBytes()))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("streamgen.chunks")
                .hasMessageContaining("not Avro single-object encoding");
    }

    @Test
    void shouldRejectBytesShorterThanTheHeader() {
        assertThatThrownBy(() -> chunks.deserialize("streamgen.chunks", new byte[] {(byte) 0xC3, 1, 0}))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("shorter than the 10-byte single-object header");
    }

    @Test
    void shouldRejectAnUnknownWriterSchema() {
        byte[] bytes = serializer.serialize("t", SampleRecords.codeChunk());
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> chunks.deserialize("streamgen.chunks", bytes))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("is not a shipped schema version");
    }

    @Test
    void shouldRejectARecordOfAnotherType() {
        byte[] task = new AvroSerializer<AgentTask>().serialize("t", SampleRecords.agentTask());

        assertThatThrownBy(() -> chunks.deserialize("streamgen.chunks", task))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("record is a io.streamgen.schema.AgentTask, expected io.streamgen.schema.CodeChunk");
    }

    @Test
    void shouldRejectATruncatedBody() {
        byte[] bytes = serializer.serialize("t", SampleRecords.codeChunk());

        for (int length = 10; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            Throwable thrown = catchThrowable(() -> chunks.deserialize("streamgen.chunks", truncated));
            assertThat(thrown).as("truncated to %d bytes", length)
                    .isInstanceOf(UndecodableRecordException.class)
                    .hasMessageContaining("corrupt CodeChunk body");
        }
    }

    @Test
    void shouldNeverThrowAnythingElseOnRandomCorruption() {
        byte[] valid = serializer.serialize("t", SampleRecords.codeChunk());
        Random random = new Random(42);

        for (int i = 0; i < 5_000; i++) {
            byte[] corrupt = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = 10 + random.nextInt(corrupt.length - 10);
                corrupt[at] = (byte) random.nextInt(256);
            }
            try {
                chunks.deserialize("streamgen.chunks", corrupt);
            } catch (UndecodableRecordException expected) {
                assertThat(expected.topic()).isEqualTo("streamgen.chunks");
            }
        }
    }
}
