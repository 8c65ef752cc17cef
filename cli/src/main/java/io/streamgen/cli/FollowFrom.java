package io.streamgen.cli;

import java.time.Instant;

/** Where following a generation starts. */
public sealed interface FollowFrom {

    /** A generation just submitted: its events come after {@code since}, whatever is on the topic now. */
    record Submitted(Instant since) implements FollowFrom {
    }

    /** A generation's first event. */
    record Beginning() implements FollowFrom {
    }

    /** The events after {@code eventId} ({@code <partition>-<offset>}), as a reconnecting SSE client with Last-Event-ID. */
    record After(String eventId) implements FollowFrom {
        public After {
            EventId.parse(eventId);
        }
    }

    /** From the CheckpointTaken of checkpoint {@code n}. */
    record Checkpoint(int n) implements FollowFrom {
        public Checkpoint {
            if (n < 1) {
                throw new UsageException("checkpoints are numbered from 1, not " + n);
            }
        }
    }

    /**
     * The events from the InterventionApplied of intervention {@code interventionId} on (a
     * rollback's re-run, say), for an intervention sent at {@code sentAt}.
     */
    record AfterIntervention(String interventionId, Instant sentAt) implements FollowFrom {
    }

    /** {@code <partition>-<offset>}, the id of an event everywhere (SSE ids, --json lines). */
    record EventId(int partition, long offset) {
        static EventId parse(String id) {
            int dash = id == null ? -1 : id.indexOf('-');
            try {
                if (dash > 0) {
                    return new EventId(Integer.parseInt(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new UsageException("an event id is <partition>-<offset>, like 3-1412; not " + id);
        }
    }
}
