package io.streamgen.agent.bus;

import io.streamgen.schema.MessageType;
import java.util.List;

/** Something an agent tells the others: what it provides, requires, created or published. */
public record Announcement(MessageType type, String name, String signature, List<String> requires) {
    public Announcement {
        requires = List.copyOf(requires);
    }
}
