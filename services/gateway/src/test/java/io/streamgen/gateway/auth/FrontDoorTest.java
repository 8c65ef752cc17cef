package io.streamgen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** What stays open with auth on, and which requests are streams counted per client. */
class FrontDoorTest {

    @Test
    void shouldKeepOnlyTheDashboardFilesLoginHealthAndMetricsOpen() {
        assertThat(FrontDoor.open(HttpMethod.GET, "/", false)).isTrue();
        assertThat(FrontDoor.open(HttpMethod.GET, "/index.html", false)).isTrue();
        assertThat(FrontDoor.open(HttpMethod.GET, "/js/app.js", false)).isTrue();
        assertThat(FrontDoor.open(HttpMethod.GET, "/style.css", false)).isTrue();
        assertThat(FrontDoor.open(HttpMethod.POST, "/api/session", false)).isTrue();
        assertThat(FrontDoor.open(HttpMethod.GET, "/q/health/ready", false)).isTrue();
        assertThat(FrontDoor.open(HttpMethod.GET, "/q/metrics", false)).isTrue();
        assertThat(FrontDoor.open(HttpMethod.OPTIONS, "/api/generations", true)).isTrue();

        assertThat(FrontDoor.open(HttpMethod.GET, "/api/generations/g-1", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/api/generations/g-1/files/a.js", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/api/generations/g-1/archive.zip", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/api/generations/g-1/events", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/api/stream-generation", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/stream", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/preview/g-1/", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/api/generations/g-1/preview", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.POST, "/js/app.js", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.GET, "/q/dev-ui", false)).isFalse();
        assertThat(FrontDoor.open(HttpMethod.OPTIONS, "/api/generations", false)).isFalse();
    }

    @Test
    void shouldCountSseRequestsAsStreams() {
        assertThat(FrontDoor.sse(HttpMethod.GET, "/api/stream-generation")).isTrue();
        assertThat(FrontDoor.sse(HttpMethod.GET, "/api/generations/g-1/events")).isTrue();
        assertThat(FrontDoor.sse(HttpMethod.GET, "/api/generations/g-1")).isFalse();
        assertThat(FrontDoor.sse(HttpMethod.POST, "/api/stream-generation")).isFalse();
    }
}
