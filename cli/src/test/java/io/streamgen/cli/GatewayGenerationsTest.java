package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayGenerationsTest {

    @Test
    void shouldReadServerSentEventFramesSkippingCommentsAndRetry() {
        List<String> stream = List.of("retry: 2000", ": connected", "",
                "id: 3-17", "event: phase-changed", "data: {\"type\":\"phase-changed\",\"progress\":0.25,", "data: \"payload\":{\"phase\":\"FEATURES\"}}", "",
                ": keep-alive", "",
                "event: lagged", "data: {\"type\":\"lagged\"}", "",
                "id: 3-18", "event: generation-completed", "data: {\"type\":\"generation-completed\"}", "");

        List<StreamedEvent> events = new ArrayList<>();
        GatewayGenerations.events(stream.iterator()).forEachRemaining(events::add);

        assertThat(events).extracting(StreamedEvent::id).containsExactly("3-17", null, "3-18");
        assertThat(events).extracting(StreamedEvent::type)
                .containsExactly("phase-changed", "lagged", "generation-completed");
        assertThat(events.get(0).json().path("payload").path("phase").asText()).isEqualTo("FEATURES");
        assertThat(events.get(2).ends()).isTrue();
    }
}
