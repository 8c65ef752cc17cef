package io.streamgen.coordinator.health;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The coordinator is healthy once its Kafka Streams application has been RUNNING: before that its
 * tasks are not assigned, so a request submitted then waits for the first rebalance (and a
 * launcher that only waited for the web server would report ready too early). Later rebalances
 * are part of normal life and stay UP; a stopped or failed application is DOWN.
 */
@Component("kafkaStreams")
public class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean factoryBean;
    private final AtomicBoolean hasRun = new AtomicBoolean();

    public KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
        super("Kafka Streams state check failed");
        this.factoryBean = factoryBean;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        if (streams == null) {
            builder.outOfService().withDetail("state", "NOT_STARTED");
            return;
        }
        KafkaStreams.State state = streams.state();
        builder.withDetail("state", state.name()).withDetail("threads", streams.metadataForLocalThreads().size());
        builder.status(statusOf(state, hasRun));
    }

    /** The health of {@code state}; {@code hasRun} remembers that RUNNING was reached once. */
    static Status statusOf(KafkaStreams.State state, AtomicBoolean hasRun) {
        return switch (state) {
            case RUNNING -> {
                hasRun.set(true);
                yield Status.UP;
            }
            case REBALANCING -> hasRun.get() ? Status.UP : Status.OUT_OF_SERVICE;
            case CREATED -> Status.OUT_OF_SERVICE;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Status.DOWN;
        };
    }
}
