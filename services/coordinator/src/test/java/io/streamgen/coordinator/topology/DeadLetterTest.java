package io.streamgen.coordinator.topology;

import static io.streamgen.coordinator.topology.CoordinatorDriver.flags;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.DeadLetter;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterTest extends WiredTopologyTest {

    @Test
    void givenAnUndecodableChunk_whenItArrives_thenItGoesToTheDeadLetterTopicAndProcessingGoesOn() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        driver.rawChunk(garbage);
        driver.request(flags().build());

        DeadLetter letter = driver.deadLetters().get(0);
        assertThat(letter.getSourceTopic()).isEqualTo(Topics.CHUNKS.name());
        assertThat(letter.getErrorClass()).isEqualTo(UndecodableRecordException.class.getName());
        assertThat(letter.getErrorMessage()).contains("not Avro single-object encoding");
        assertThat(letter.getService()).isEqualTo("coordinator");
        assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("not avro at all");
        assertThat(StandardCharsets.UTF_8.decode(letter.getKey()).toString()).isEqualTo(CoordinatorDriver.GENERATION);
        assertThat(driver.taskIds(Role.API)).containsExactly("skeleton-api");
    }
}
