package io.streamgen.gateway.recent;

import java.time.Instant;

/**
 * One generation as the dashboard's list shows it: who asked for what, when, and how far it got.
 *
 * @param prompt the request's prompt, cut to {@link RecentGenerations#PROMPT_CHARS} characters; null
 *     when its {@code generation-started} event was not seen (older than the read-back window)
 * @param state {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param phase the phase it is in or ended in, null before the first
 */
public record GenerationSummary(String generationId, String prompt, String requestedBy, Instant startedAt,
        String state, String phase, double progress, Instant updatedAt) {
}
