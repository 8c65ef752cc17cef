package io.streamgen.agent.metrics;

import java.time.Duration;

/** What a task execution reports; the Micrometer implementation tags everything by role and model. */
public interface AgentMetrics {

    void tokens(String model, int count);

    void chunk(String model, int tokens);

    void capHit(String model);

    void timeToFirstToken(String model, Duration latency);

    void tokensPerSecond(String model, double rate);

    void taskEnded(String model, String outcome);

    /** A prompt of {@code tokens} was sent; {@code saved} context tokens were summarised or left out to fit the budget. */
    default void prompt(String model, int tokens, int saved) {
    }

    /** A task was answered from the response cache ({@code hit}) or had to call its model. */
    default void cacheLookup(String model, boolean hit) {
    }

    AgentMetrics NONE = new AgentMetrics() {
        @Override
        public void tokens(String model, int count) {
        }

        @Override
        public void chunk(String model, int tokens) {
        }

        @Override
        public void capHit(String model) {
        }

        @Override
        public void timeToFirstToken(String model, Duration latency) {
        }

        @Override
        public void tokensPerSecond(String model, double rate) {
        }

        @Override
        public void taskEnded(String model, String outcome) {
        }
    };
}
