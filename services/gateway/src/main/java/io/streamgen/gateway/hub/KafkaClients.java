package io.streamgen.gateway.hub;

import io.smallrye.common.annotation.Identifier;
import io.streamgen.messaging.KafkaLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Plain consumers for the hub and the history readers: assigned partitions, no consumer group (no
 * committed offsets), read_committed because the coordinator writes with exactly-once. They log in
 * as the channels do (a locked-down broker: the gateway's own principal, see {@link KafkaLogin}).
 */
@ApplicationScoped
public class KafkaClients {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @Identifier(KafkaLogin.DEFAULT_KAFKA_BROKER)
    Map<String, Object> kafkaDefaults;

    public KafkaConsumer<String, byte[]> consumer(String clientId) {
        Map<String, Object> config = new HashMap<>(KafkaLogin.of(kafkaDefaults));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 256);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
