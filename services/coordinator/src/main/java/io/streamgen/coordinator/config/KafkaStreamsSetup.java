package io.streamgen.coordinator.config;

import io.opentelemetry.api.OpenTelemetry;
import io.streamgen.coordinator.topology.CoordinatorTopology;
import io.streamgen.schema.topic.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsCustomizer;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * spring-kafka's Kafka Streams support: Boot builds the StreamsBuilderFactoryBean from
 * {@code spring.kafka.streams.*}; we add the coordinator's Processor API topology to the topology it
 * builds, and replace a stream thread that dies instead of stopping the application.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class KafkaStreamsSetup {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsSetup.class);

    /**
     * The Streams producer may send the largest record the topics (and the changelogs, see
     * {@link CoordinatorTopology#changelogConfig()}) accept: both come from the catalogue.
     */
    static Properties withRecordSizes(Properties streams) {
        Properties properties = new Properties();
        properties.putAll(streams);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(Topics.MAX_MESSAGE_BYTES));
        return properties;
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer coordinatorTopology(CoordinatorProperties properties, OpenTelemetry openTelemetry) {
        return factoryBean -> {
            factoryBean.setStreamsConfiguration(withRecordSizes(factoryBean.getStreamsConfiguration()));
            String applicationId = factoryBean.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureTopology(Topology topology) {
                    CoordinatorTopology.addTo(topology, properties.engineSettings(), openTelemetry, applicationId);
                }
            });
            factoryBean.setKafkaStreamsCustomizer(new KafkaStreamsCustomizer() {
                @Override
                public KafkaStreams initKafkaStreams(Topology topology, Properties streams, KafkaClientSupplier clients) {
                    SeedsTopic.ensure(streams); // the topology's own topic, as Streams creates the changelogs
                    return KafkaStreamsCustomizer.super.initKafkaStreams(topology, streams, clients);
                }

                @Override
                public void customize(KafkaStreams kafkaStreams) {
                }
            });
            factoryBean.setStreamsUncaughtExceptionHandler(error -> {
                LOG.error("a stream thread died; replacing it", error);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }
}
