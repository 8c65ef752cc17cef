package io.streamgen.agent.model;

import io.streamgen.schema.EnsemblePolicy;
import java.time.Duration;

/**
 * Which member of an ensemble won a call, after how long, and why, in words a viewer reads
 * (e.g. "first valid answer after 1.2 s; openai:b did not parse (…); openai:c cancelled").
 */
public record EnsembleDecision(String winner, EnsemblePolicy policy, Duration after, String reason) {
}
