package io.streamgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** /proc/net/tcp{,6} addresses read right: loopback told from everything else. */
class ListeningSocketsTest {

    @Test
    void shouldReadIpv4AndIpv6AddressesAndTellLoopback() {
        assertThat(ListeningSockets.listener(1, "0100007F:1F90")).isEqualTo(new ListeningSockets.Listener(1, "127.0.0.1:8080", true));
        assertThat(ListeningSockets.listener(1, "00000000:2384").loopback()).as("0.0.0.0:9092").isFalse();
        assertThat(ListeningSockets.listener(1, "0100A8C0:0050").address()).isEqualTo("192.168.0.1:80");
        assertThat(ListeningSockets.listener(1, "00000000000000000000000001000000:1F91").loopback()).as("[::1]").isTrue();
        assertThat(ListeningSockets.listener(1, "00000000000000000000000000000000:1F91").loopback()).as("[::]").isFalse();
        assertThat(ListeningSockets.listener(1, "0000000000000000FFFF00000100007F:1F91").loopback()).as("::ffff:127.0.0.1").isTrue();
    }
}
