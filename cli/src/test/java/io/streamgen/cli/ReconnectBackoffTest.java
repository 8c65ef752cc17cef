package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void givenNoRetryFromTheServer_whenTriesFail_thenTheDelayDoublesFrom500MsUpTo5s() {
        ReconnectBackoff longest = new ReconnectBackoff(() -> 1.0);
        assertThat(IntStream.range(0, 7).mapToObj(i -> longest.next().toMillis()))
                .containsExactly(500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
    }

    @Test
    void givenJitter_whenTriesFail_thenEachDelayIsBetweenHalfOfItAndAllOfIt() {
        ReconnectBackoff shortest = new ReconnectBackoff(() -> 0.0);
        assertThat(IntStream.range(0, 6).mapToObj(i -> shortest.next().toMillis()))
                .containsExactly(250L, 500L, 1000L, 2000L, 2500L, 2500L);
    }

    @Test
    void givenTheStreamsRetry_whenTriesFail_thenItIsTheFirstDelayAndAResetStartsOver() {
        ReconnectBackoff backoff = new ReconnectBackoff(() -> 1.0);
        backoff.serverRetry(2000);
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));

        backoff.reset();
        backoff.serverRetry(0);
        assertThat(backoff.next()).as("never a busy loop").isEqualTo(Duration.ofMillis(100));
        backoff.reset();
        backoff.serverRetry(60_000);
        assertThat(backoff.next()).as("capped").isEqualTo(Duration.ofSeconds(5));
    }
}
