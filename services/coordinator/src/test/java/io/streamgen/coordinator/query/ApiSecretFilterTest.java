package io.streamgen.coordinator.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The query API answers only holders of the API secret; the actuator stays open; no secret, no check. */
class ApiSecretFilterTest {

    private final ApiSecretFilter filter = new ApiSecretFilter("s3cret-api");

    private MockHttpServletResponse call(String path, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void givenASecret_whenAQueryComesWithoutIt_thenItIsA401Problem() throws Exception {
        MockHttpServletResponse response = call("/generations/g-1/files", null);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("STREAMGEN_COORDINATOR_API_SECRET").doesNotContain("s3cret-api");
        assertThat(call("/generations/g-1", "Bearer wrong").getStatus()).isEqualTo(401);
        assertThat(call("/generations/g-1", "s3cret-api").getStatus()).isEqualTo(401);
        assertThat(call("/anything-else", null).getStatus()).isEqualTo(401);
    }

    @Test
    void givenASecret_whenAQueryCarriesIt_thenItPasses() throws Exception {
        assertThat(call("/generations/g-1", "Bearer s3cret-api").getStatus()).isEqualTo(200);
        assertThat(call("/generations/g-1", "bearer s3cret-api").getStatus()).isEqualTo(200);
        assertThat(filter.authorization()).hasValue("Bearer s3cret-api");
    }

    @Test
    void givenASecret_whenAProbeAsks_thenTheActuatorIsOpen() throws Exception {
        assertThat(call("/actuator/health", null).getStatus()).isEqualTo(200);
        assertThat(call("/actuator/health/readiness", null).getStatus()).isEqualTo(200);
    }

    @Test
    void givenNoSecret_whenAnyoneAsks_thenThereIsNoCheck() throws Exception {
        ApiSecretFilter off = new ApiSecretFilter("");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/generations/g-1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        off.doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(off.authorization()).isEmpty();
    }
}
