package io.streamgen.infra.kafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaTestExtension.class)
class RecordsOnBrokerIT {

    @Test
    void shouldCarryEveryRecordTypeThroughTheBrokerUnchanged(KafkaTestClient kafka) {
        String key = "gen-" + UUID.randomUUID();
        List<SpecificRecord> samples = SampleRecords.all();

        for (SpecificRecord record : samples) {
            kafka.produce(topicOf(record), key, record);
        }

        for (Topic<?> topic : Topics.all()) {
            List<SpecificRecord> sent = samples.stream().filter(r -> r.getClass() == topic.valueType()
                    && topicOf(r) == topic).toList();
            if (sent.isEmpty()) {
                continue;
            }
            List<Object> read = List.copyOf(readBack(kafka, topic, key, sent.size()));
            assertThat(read).as("records on %s", topic).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void shouldKeepEveryRecordOfOneGenerationInOnePartitionInOrder(KafkaTestClient kafka) {
        String key = "gen-" + UUID.randomUUID();
        List<GenerationEvent> events = SampleRecords.eventPayloads().stream().map(payload -> {
            GenerationEvent event = SampleRecords.event(payload);
            event.setGenerationId(key);
            return event;
        }).toList();

        List<Integer> partitions = events.stream().map(e -> kafka.produce(Topics.EVENTS, key, e).partition())
                .distinct().toList();

        assertThat(partitions).hasSize(1);
        assertThat(kafka.awaitValues(Topics.EVENTS, key, events.size())).containsExactlyElementsOf(events);
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> Topic<V> topicOf(SpecificRecord record) {
        // tasks go to the topic of their role; every other type has exactly one topic
        if (record instanceof io.streamgen.schema.AgentTask task) {
            return (Topic<V>) Topics.tasks(task.getRole());
        }
        return (Topic<V>) Topics.all().stream().filter(t -> t.valueType() == record.getClass()).findFirst().orElseThrow();
    }

    private static <V extends SpecificRecord> List<V> readBack(KafkaTestClient kafka, Topic<V> topic, String key, int n) {
        return kafka.await(topic, r -> key.equals(r.key()), n, KafkaTestClient.DEFAULT_WAIT).stream()
                .map(ConsumerRecord::value).toList();
    }
}
