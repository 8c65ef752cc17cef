package io.streamgen.agent.runtime;

import io.streamgen.agent.config.StreamgenConfig;
import io.streamgen.agent.task.TaskExecution;
import io.streamgen.schema.Intervention;
import io.streamgen.schema.Role;
import io.streamgen.schema.serde.InterventionDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Applies interventions to the tasks of their generation on this instance, and only those:
 * another generation streaming here is never touched. Interventions for another role are ignored.
 */
@ApplicationScoped
public class ControlListener {

    private static final Logger LOG = Logger.getLogger(ControlListener.class);

    private final RunningTasks running;
    private final DeadLetters deadLetters;
    private final Role role;
    private final InterventionDeserializer deserializer = new InterventionDeserializer();

    @Inject
    public ControlListener(RunningTasks running, DeadLetters deadLetters, StreamgenConfig config) {
        this.running = running;
        this.deadLetters = deadLetters;
        this.role = config.agent().role();
    }

    @Incoming("control")
    public CompletionStage<Void> onIntervention(Message<byte[]> message) {
        deadLetters.decode(message, deserializer).ifPresent(this::apply);
        return message.ack();
    }

    void apply(Intervention intervention) {
        if (intervention.getRole() != null && intervention.getRole() != role) {
            return;
        }
        String generationId = intervention.getGenerationId();
        if (intervention.getAction() == io.streamgen.schema.InterventionAction.CANCEL) {
            running.markCancelled(generationId);
        }
        for (TaskExecution execution : running.of(generationId)) {
            LOG.infof("%s on task %s of %s", intervention.getAction(), execution.task().getTaskId(), generationId);
            switch (intervention.getAction()) {
                case PAUSE -> execution.pause();
                case RESUME -> execution.resume();
                case CANCEL -> execution.cancel();
                case STEER -> execution.steer(intervention.getText() == null ? "" : intervention.getText());
                default -> {
                    // EDIT, ROLLBACK and CHECKPOINT are the coordinator's
                }
            }
        }
    }
}
