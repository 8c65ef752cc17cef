package io.streamgen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Host allow-list (DNS rebinding) and the gateway's own origin, which the Host header alone never decides. */
class HostAllowListTest {

    private static final List<String> DEFAULT = List.of("localhost", "127.0.0.1", "[::1]");

    @Test
    void shouldAnswerOnlyLoopbackNamesAndTheConfiguredHostByDefault() {
        HostAllowList hosts = new HostAllowList(DEFAULT, "gw.internal", List.of());
        assertThat(hosts.allows("localhost:8080")).isTrue();
        assertThat(hosts.allows("LOCALHOST")).isTrue();
        assertThat(hosts.allows("127.0.0.1:8080")).isTrue();
        assertThat(hosts.allows("[::1]:8080")).isTrue();
        assertThat(hosts.allows("gw.internal:8080")).isTrue();
        assertThat(hosts.allows("rebind.evil.example:8080")).isFalse();
        assertThat(hosts.allows("localhost.evil.example")).isFalse();
        assertThat(hosts.allows(null)).isFalse();
        assertThat(hosts.allows("")).isFalse();
    }

    @Test
    void shouldNotAddAWildcardListenAddressButAddAPublicOriginsHost() {
        HostAllowList hosts = new HostAllowList(DEFAULT, "0.0.0.0", List.of("https://streamgen.example"));
        assertThat(hosts.allows("0.0.0.0:8080")).isFalse();
        assertThat(hosts.allows("streamgen.example")).isTrue();
        assertThat(new HostAllowList(List.of("*"), "127.0.0.1", List.of()).allows("anything.example")).isTrue();
    }

    @Test
    void shouldTakeAnOriginAsOwnOnlyOnAnAllowedHostAndTheLocalPortOrWhenConfigured() {
        HostAllowList hosts = new HostAllowList(DEFAULT, "127.0.0.1", List.of("https://streamgen.example"));
        assertThat(hosts.sameOrigin("http://localhost:8080", "localhost:8080", 8080)).isTrue();
        assertThat(hosts.sameOrigin("http://127.0.0.1:8080", "localhost:8080", 8080)).isTrue();
        // a rebinding page sends its own name as Host and Origin: equal, and still not ours
        assertThat(hosts.sameOrigin("http://evil.example:8080", "evil.example:8080", 8080)).isFalse();
        assertThat(hosts.sameOrigin("http://localhost:9999", "localhost:8080", 8080)).isFalse();
        assertThat(hosts.sameOrigin("https://streamgen.example", "streamgen.example", 8080)).isTrue();
        assertThat(hosts.sameOrigin("null", "localhost:8080", 8080)).isFalse(); // a sandboxed frame
        assertThat(hosts.sameOrigin(null, "localhost:8080", 8080)).isFalse();
    }
}
