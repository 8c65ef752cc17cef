package io.streamgen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A gateway beyond loopback starts only with auth on, or with anonymous access allowed by name. */
class ExposureCheckTest {

    @Test
    void shouldRefuseAnAnonymousGatewayBeyondLoopbackUnlessAllowedExplicitly() {
        assertThat(ExposureCheck.refusal("0.0.0.0", false, false)).get().asString()
                .contains("beyond loopback").contains("STREAMGEN_GATEWAY_AUTH_ENABLED=true")
                .contains("STREAMGEN_GATEWAY_AUTH_ALLOW_ANONYMOUS_BEYOND_LOOPBACK=true");
        assertThat(ExposureCheck.refusal("0.0.0.0", true, false)).isEmpty();
        assertThat(ExposureCheck.refusal("0.0.0.0", false, true)).isEmpty();
        assertThat(ExposureCheck.refusal("127.0.0.1", false, false)).isEmpty();
        assertThat(ExposureCheck.refusal("localhost", false, false)).isEmpty();
        assertThat(ExposureCheck.refusal("::1", false, false)).isEmpty();
    }
}
