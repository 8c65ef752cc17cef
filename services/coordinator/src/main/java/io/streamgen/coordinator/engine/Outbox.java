package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.SeedMessage;
import io.streamgen.schema.AgentTask;
import io.streamgen.schema.Checkpoint;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.Role;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the engine decided to publish while handling one input record, in order. The processor
 * forwards it to the sinks after the state is saved, so the whole step commits in one transaction.
 */
public final class Outbox {

    /** Where a record goes: a role's task topic, the events topic or the checkpoints topic. */
    public enum Target { TASKS, EVENTS, CHECKPOINTS }

    public record Message(Target target, Role role, String key, SpecificRecord value) {
    }

    private final List<Message> messages = new ArrayList<>();
    private final List<SeedMessage> seeds = new ArrayList<>();

    public void task(AgentTask task) {
        messages.add(new Message(Target.TASKS, task.getRole(), task.getGenerationId(), task));
    }

    public void event(GenerationEvent event) {
        messages.add(new Message(Target.EVENTS, null, event.getGenerationId(), event));
    }

    public void checkpoint(String key, Checkpoint checkpoint) {
        messages.add(new Message(Target.CHECKPOINTS, null, key, checkpoint));
    }

    /** A record for the coordinator's own seeds topic (a re-derivation from a checkpoint). */
    public void seed(SeedMessage message) {
        seeds.add(message);
    }

    public List<SeedMessage> seeds() {
        return seeds;
    }

    public List<Message> messages() {
        return messages;
    }

    public List<GenerationEvent> events() {
        return messages.stream().filter(m -> m.target() == Target.EVENTS).map(m -> (GenerationEvent) m.value()).toList();
    }

    public void clear() {
        messages.clear();
        seeds.clear();
    }
}
