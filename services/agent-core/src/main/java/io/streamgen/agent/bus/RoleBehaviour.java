package io.streamgen.agent.bus;

import io.streamgen.schema.AgentMessage;
import io.streamgen.schema.MessageType;
import io.streamgen.schema.Role;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What makes one role's service different from the others, besides its prompt: what it announces
 * from each finished region of its output, and how it answers other agents on the bus. Each role service provides
 * one CDI bean implementing it.
 */
public interface RoleBehaviour {

    Role role();

    /** Whether this role's chunks replace existing regions (optimisation) instead of appending. */
    default boolean replacesRegions() {
        return false;
    }

    /**
     * Announcements read from one finished unit of the task's output: a region (or a file's head)
     * of {@code path}, complete. Called as soon as the unit ends, so waiting tasks start earlier.
     */
    List<Announcement> announce(String path, String code);

    /**
     * Answers a bus message from another agent. By default: when a component or task requires a
     * name this role already provided in the same generation, say so again, so that the
     * coordinator can release whoever waits for it.
     */
    default List<Announcement> react(AgentMessage heard, Set<Announcement> provided) {
        String prefix = role().name().toLowerCase(Locale.ROOT) + ":";
        if (heard.getType() != MessageType.REQUIRES && heard.getType() != MessageType.COMPONENT_CREATED) {
            return List.of();
        }
        List<String> wanted = heard.getType() == MessageType.REQUIRES && heard.getRequires().isEmpty()
                ? List.of(heard.getName()) : heard.getRequires();
        return provided.stream()
                .filter(a -> a.type() == MessageType.PROVIDES && a.name().startsWith(prefix) && wanted.contains(a.name()))
                .toList();
    }
}
