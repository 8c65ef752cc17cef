package io.streamgen.agent.runtime;

import io.smallrye.common.annotation.Blocking;
import io.streamgen.agent.config.StreamgenConfig;
import io.streamgen.agent.task.TaskExecution;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.serde.AgentTaskDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
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
    private final Semaphore slots;
    private final AgentTaskDeserializer deserializer = new AgentTaskDeserializer();

    @Inject
    public TaskIntake(AgentRuntime runtime, RunningTasks running, DeadLetters deadLetters, PriorAttempts priorAttempts,
                      StreamgenConfig config) {
        this.runtime = runtime;
        this.running = running;
        this.deadLetters = deadLetters;
        this.priorAttempts = priorAttempts;
        this.slots = new Semaphore(config.agent().maxConcurrentTasks());
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
        slots.acquire(); // back-pressure: the next record waits for a free slot
        int recordAttempt = priorAttempts.highestStarted(task).stream().map(started -> started + 1)
                .filter(next -> next > task.getAttempt()).findFirst().orElse(task.getAttempt());
        int attempt = running.nextAttempt(task.getGenerationId(), task.getTaskId(), recordAttempt);
        TaskExecution execution = runtime.execution(task, attempt);
        running.add(execution);
        execution.start().whenComplete((outcome, error) -> {
            running.remove(execution);
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
