package io.streamgen.agent.ui;

import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.OutputAnnouncements;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.schema.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The UI agent: User interface: HTML, ES-module components and CSS. */
@ApplicationScoped
public class UiBehaviour implements RoleBehaviour {

    @Override
    public Role role() {
        return Role.UI;
    }

    @Override
    public List<Announcement> announce(String path, String code) {
        return OutputAnnouncements.components(code);
    }
}
