package io.streamgen.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class KafkaStreamsHealthIndicatorTest {

    @Test
    void givenAFreshApplication_whenItRebalancesBeforeRunning_thenItIsNotYetInService() {
        AtomicBoolean hasRun = new AtomicBoolean();
        assertThat(KafkaStreamsHealthIndicator.statusOf(State.CREATED, hasRun)).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(KafkaStreamsHealthIndicator.statusOf(State.REBALANCING, hasRun)).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(KafkaStreamsHealthIndicator.statusOf(State.RUNNING, hasRun)).isEqualTo(Status.UP);
    }

    @Test
    void givenAnApplicationThatRan_whenItRebalances_thenItStaysUp() {
        AtomicBoolean hasRun = new AtomicBoolean();
        KafkaStreamsHealthIndicator.statusOf(State.RUNNING, hasRun);
        assertThat(KafkaStreamsHealthIndicator.statusOf(State.REBALANCING, hasRun)).isEqualTo(Status.UP);
    }

    @Test
    void givenAStoppedOrFailedApplication_thenItIsDown() {
        AtomicBoolean hasRun = new AtomicBoolean(true);
        for (State state : new State[] {State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR, State.ERROR}) {
            assertThat(KafkaStreamsHealthIndicator.statusOf(state, hasRun)).as(state.name()).isEqualTo(Status.DOWN);
        }
    }
}
