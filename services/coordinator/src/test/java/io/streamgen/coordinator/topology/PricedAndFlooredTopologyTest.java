package io.streamgen.coordinator.topology;

import org.springframework.test.context.TestPropertySource;

/** The topology tests with a price table and a speed floor for the UI role (one Spring context for all of them). */
@TestPropertySource(properties = {
        "streamgen.coordinator.prices[openai\\:gpt-4o].input-per-million=2.5",
        "streamgen.coordinator.prices[openai\\:gpt-4o].output-per-million=10",
        "streamgen.coordinator.speed.roles.ui.floor-tokens-per-second=40",
        "streamgen.coordinator.speed.roles.ui.window=10s",
        "streamgen.coordinator.speed.roles.ui.faster-model=openai:fast",
        "streamgen.coordinator.speed.roles.ui.headroom=2"})
abstract class PricedAndFlooredTopologyTest extends WiredTopologyTest {
}
