package io.streamgen.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.topic.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<SpecificRecord> everyRecord() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecord")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldReadBackEveryRecordEqual(SpecificRecord record) {
        AvroSerde serde = AvroSerde.of(record.getClass());

        byte[] bytes = serde.serializer().serialize("t", record);
        Object back = serde.deserializer().deserialize("t", bytes);

        assertThat(back).isEqualTo(record);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void shouldCoverEveryGenerationEventPayloadOfTheSchema() {
        List<String> union = GenerationEvent.getClassSchema().getField("payload").schema().getTypes().stream()
                .map(org.apache.avro.Schema::getFullName).toList();
        List<String> sampled = SampleRecords.eventPayloads().stream().map(p -> p.getClass().getName()).toList();

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(union);
    }

    @Test
    void shouldOfferAClassNamedDeserializerForEveryTopicValueType() throws Exception {
        for (Class<? extends SpecificRecord> type : Topics.valueTypes()) {
            Class<?> named = Class.forName(AvroSerializer.class.getPackageName() + "." + type.getSimpleName()
                    + "Deserializer");
            Deserializer<?> deserializer = (Deserializer<?>) named.getConstructor().newInstance();

            assertThat(((AvroDeserializer<?>) deserializer).type()).isEqualTo(type);
        }
    }

    @Test
    void shouldKeepTombstonesNull() {
        AvroSerde<GenerationEvent> serde = AvroSerde.forTopic(Topics.EVENTS);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
