package io.streamgen.agent.runtime;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.streamgen.agent.config.StreamgenConfig;
import io.streamgen.agent.task.TaskExecution;
import io.streamgen.agent.tracing.TaskTraces;
import io.streamgen.schema.AgentState;
import io.streamgen.schema.AgentStatus;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.serde.AgentTaskDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes tasks from this role's topic and runs up to {@code max-concurrent-tasks} at once. A
 * task's record is acknowledged (and so its offset committed, in order) only when the task ended
 * and its last records were acknowledged by Kafka; a task left unacknowledged by a dead instance
 * is delivered again and runs with the next attempt number.
 */
@ApplicationScoped
public class TaskIntake {

    private static final Logger LOG = Logger.getLogger(TaskIntake.class);

    private final AgentRuntime runtime;
    private final RunningTasks running;
    private final DeadLetters deadLetters;
    private final PriorAttempts priorAttempts;
    private final TaskPartitions partitions;
    private final Semaphore slots;
    private final KafkaAgentOutput output;
    private final TaskTraces traces;
    private final java.time.Duration heartbeatInterval;
    private final AgentTaskDeserializer deserializer = new AgentTaskDeserializer();

    @Inject
    public TaskIntake(AgentRuntime runtime, RunningTasks running, DeadLetters deadLetters, PriorAttempts priorAttempts,
                      @Identifier(TaskPartitions.NAME) TaskPartitions partitions,
                      StreamgenConfig config, KafkaAgentOutput output, TaskTraces traces) {
        this.partitions = partitions;
        this.traces = traces;
        this.output = output;
        this.heartbeatInterval = config.agent().heartbeatInterval();
        this.runtime = runtime;
        this.running = running;
        this.deadLetters = deadLetters;
        this.priorAttempts = priorAttempts;
        this.slots = new Semaphore(config.agent().maxConcurrentTasks());
    }

    /**
     * Waits for a free slot, saying so on the status topic every heartbeat interval: a task held
     * here has no stream yet, and the coordinator would otherwise take its silence for a dead agent.
     */
    private void waitForSlot(AgentTask task) throws InterruptedException {
        long heartbeat = Math.max(100, heartbeatInterval.toMillis());
        while (!slots.tryAcquire(heartbeat, TimeUnit.MILLISECONDS)) {
            output.status(AgentStatus.newBuilder().setGenerationId(task.getGenerationId()).setTaskId(task.getTaskId())
                    .setAttempt(task.getAttempt()).setRole(task.getRole()).setPhase(task.getPhase())
                    .setState(AgentState.STARTED).setModel("")
                    .setNotes(List.of("queued: every slot of this instance is busy")).setAt(Instant.now()).build());
        }
    }

    @Incoming("tasks")
    @Blocking
    public CompletionStage<Void> onTask(Message<byte[]> message) throws InterruptedException {
        AgentTask task = deadLetters.decode(message, deserializer).orElse(null);
        if (task == null) {
            return message.ack();
        }
        if (running.isCancelled(task.getGenerationId())) {
            LOG.infof("skipping task %s of cancelled generation %s", task.getTaskId(), task.getGenerationId());
            return message.ack();
        }
        waitForSlot(task); // back-pressure: the next record waits for a free slot
        PriorAttempts.Found prior = partitions.firstDelivery(message) ? PriorAttempts.Found.NONE
                : priorAttempts.lookup(task);
        if (prior.doneSince(task.getAttempt())) {
            // redelivered after its DONE was published, before its offset was committed (an agent killed
            // in between): running it again would only repeat what the coordinator already has
            LOG.infof("task %s of %s is done already (attempt %d reported DONE); not running it again",
                    task.getTaskId(), task.getGenerationId(), prior.highestDone().getAsInt());
            slots.release();
            return message.ack();
        }
        int recordAttempt = prior.highestStarted().stream().map(started -> started + 1)
                .filter(next -> next > task.getAttempt()).findFirst().orElse(task.getAttempt());
        int attempt = running.nextAttempt(task.getGenerationId(), task.getTaskId(), recordAttempt);
        TaskExecution execution = runtime.execution(task, attempt);
        running.add(execution);
        traces.begin(message, task, attempt);
        execution.start().whenComplete((outcome, error) -> {
            running.remove(execution);
            traces.end(task, String.valueOf(outcome), execution.endReason(), error);
            try {
                runtime.ended(execution, outcome);
            } catch (RuntimeException e) {
                // the response cache's bookkeeping: never a reason to keep the slot or the offset
                LOG.warnf(e, "task %s of %s: after it ended", task.getTaskId(), task.getGenerationId());
            }
            running.recordAttempt(task.getGenerationId(), task.getTaskId(), execution.attempt());
            slots.release();
            if (error != null) {
                // Kafka did not take the task's last records: leave the offset for a redelivery
                LOG.errorf(error, "task %s of %s: its records were not acknowledged", task.getTaskId(), task.getGenerationId());
                message.nack(error);
            } else {
                LOG.infof("task %s of %s ended %s (attempt %d)%s", task.getTaskId(), task.getGenerationId(), outcome,
                        execution.attempt(), execution.endReason() == null ? "" : ": " + execution.endReason());
                message.ack();
            }
        });
        return CompletableFuture.completedFuture(null);
    }
}
