package io.streamgen.infra.kafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.schema.SampleRecords;
import io.streamgen.schema.serde.AvroSerializer;
import io.streamgen.schema.topic.Topic;
import io.streamgen.schema.topic.Topics;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaTestExtension.class)
class SharedBrokerIT {

    @Test
    void shouldBeOneBrokerPerJvmWithTheCatalogueCreated(TestKafka kafka) throws Exception {
        assertThat(TestKafka.shared()).isSameAs(kafka);
        try (Admin admin = kafka.admin()) {
            var described = admin.describeTopics(Topics.all().stream().map(Topic::name).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topic<?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
            }
        }
    }

    @Test
    void shouldCommitTransactionsOnASingleNode(TestKafka kafka) {
        // exactly_once_v2 needs the transaction state log to fit on one broker
        String key = "gen-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + key, ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        var chunk = SampleRecords.codeChunk();
        chunk.setGenerationId(key);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<io.streamgen.schema.CodeChunk>())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.CHUNKS.name(), key, chunk));
            producer.commitTransaction();
        }

        assertThat(kafka.client().awaitValues(Topics.CHUNKS, key, 1)).containsExactly(chunk);
    }

    @Test
    void shouldReadPoisonBytesRaw(KafkaTestClient client) {
        String key = "gen-" + UUID.randomUUID();
        client.produceRaw(Topics.DLQ, key, new byte[] {1, 2, 3});

        assertThat(client.awaitRaw(Topics.DLQ, r -> key.equals(r.key()), 1, KafkaTestClient.DEFAULT_WAIT))
                .singleElement().satisfies(r -> assertThat(r.value()).containsExactly(1, 2, 3));
    }
}
