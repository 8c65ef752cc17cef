package io.streamgen.agent.runtime;

import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.serde.AgentMessageDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Listens to the bus: remembers what this role provided per generation (its own messages), and
 * lets the role answer the others (by default: repeat a PROVIDES that someone now requires).
 */
@ApplicationScoped
public class BusListener {

    private static final int GENERATIONS_REMEMBERED = 1_000;

    private final RoleBehaviour behaviour;
    private final DeadLetters deadLetters;
    private final KafkaAgentOutput output;
    private final AgentMessageDeserializer deserializer = new AgentMessageDeserializer();
    private final Map<String, Set<Announcement>> provided = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Set<Announcement>> eldest) {
                    return size() > GENERATIONS_REMEMBERED;
                }
            });

    @Inject
    public BusListener(RoleBehaviour behaviour, DeadLetters deadLetters, KafkaAgentOutput output) {
        this.behaviour = behaviour;
        this.deadLetters = deadLetters;
        this.output = output;
    }

    @Incoming("bus-in")
    public CompletionStage<Void> onMessage(Message<byte[]> message) {
        deadLetters.decode(message, deserializer).ifPresent(this::hear);
        return message.ack();
    }

    void hear(AgentMessage heard) {
        if (heard.getFrom() == behaviour.role()) {
            if (heard.getType() == MessageType.PROVIDES) {
                provided.computeIfAbsent(heard.getGenerationId(), g -> Collections.synchronizedSet(new LinkedHashSet<>()))
                        .add(new Announcement(heard.getType(), heard.getName(), heard.getSignature(), heard.getRequires()));
            }
            return;
        }
        Set<Announcement> mine = provided.getOrDefault(heard.getGenerationId(), Set.of());
        List<Announcement> answers = behaviour.react(heard, Set.copyOf(mine));
        for (Announcement answer : answers) {
            output.bus(AgentMessage.newBuilder().setGenerationId(heard.getGenerationId()).setFrom(behaviour.role())
                    .setTaskId(null).setType(answer.type()).setName(answer.name()).setSignature(answer.signature())
                    .setRequires(answer.requires()).setAt(Clock.systemUTC().instant()).build());
        }
    }
}
