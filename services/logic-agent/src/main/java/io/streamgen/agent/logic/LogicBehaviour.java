package io.streamgen.agent.logic;

import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.OutputAnnouncements;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.schema.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The LOGIC agent: State management and business rules. */
@ApplicationScoped
public class LogicBehaviour implements RoleBehaviour {

    @Override
    public Role role() {
        return Role.LOGIC;
    }

    @Override
    public List<Announcement> announce(String path, String code) {
        return OutputAnnouncements.exports(path, code, "logic:");
    }
}
