package io.streamgen.agent.runtime;

import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.serde.AgentStatusDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import io.streamgen.agent.config.StreamgenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * Finds the attempts of a task that some instance already started, so that a task redelivered
 * after its agent died runs as attempt + 1 and the coordinator drops the dead attempt's chunks.
 * Statuses are keyed by generation id, so the answer is in one partition of the status topic,
 * read from the task's creation time to its end: a short, bounded read, and only for a record that
 * may be a redelivery ({@link TaskPartitions}).
 */
@ApplicationScoped
public class PriorAttempts {

    private static final Logger LOG = Logger.getLogger(PriorAttempts.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    @Inject
    StreamgenConfig config;

    @Inject
    GenerationRecords records;
    private final AgentStatusDeserializer statuses = new AgentStatusDeserializer();

    /**
     * What the status topic says of a task's earlier attempts: the highest that reported anything
     * (it started), and the highest that reported DONE. A record redelivered after its agent died
     * between the task's DONE and the commit of its offset is done already: DONE at or after the
     * record's attempt.
     */
    public record Found(OptionalInt highestStarted, OptionalInt highestDone) {
        public static final Found NONE = new Found(OptionalInt.empty(), OptionalInt.empty());

        /** True when an attempt at or after {@code attempt} finished the task. */
        public boolean doneSince(int attempt) {
            return highestDone.isPresent() && highestDone.getAsInt() >= attempt;
        }
    }

    /** The highest attempt of this task that reported STARTED, if any. */
    public OptionalInt highestStarted(AgentTask task) {
        return lookup(task).highestStarted();
    }

    public synchronized Found lookup(AgentTask task) {
        if (!config.agent().priorAttemptLookup()) {
            return Found.NONE;
        }
        try {
            int[] highest = {0};
            int[] done = {0};
            // a read cut short by its limit still tells what it saw
            records.read(Topics.STATUS.name(), task.getGenerationId(), task.getCreatedAt().toEpochMilli(), READ_LIMIT,
                    value -> {
                        AgentStatus status = statusOf(value, task);
                        if (status != null) {
                            highest[0] = Math.max(highest[0], status.getAttempt());
                            if (status.getState() == AgentState.DONE) {
                                done[0] = Math.max(done[0], status.getAttempt());
                            }
                        }
                    });
            return new Found(highest[0] == 0 ? OptionalInt.empty() : OptionalInt.of(highest[0]),
                    done[0] == 0 ? OptionalInt.empty() : OptionalInt.of(done[0]));
        } catch (RuntimeException e) {
            // without the lookup the task still runs, with its own attempt number
            LOG.warnf("cannot read earlier attempts of task %s: %s", task.getTaskId(), e.getMessage());
            return Found.NONE;
        }
    }

    /** The record's status when it is of this task (and role), else null. */
    private AgentStatus statusOf(byte[] value, AgentTask task) {
        try {
            AgentStatus status = statuses.deserialize(Topics.STATUS.name(), value);
            return status != null && status.getTaskId().equals(task.getTaskId()) && status.getRole() == task.getRole()
                    ? status : null;
        } catch (UndecodableRecordException e) {
            return null;
        }
    }
}
