package io.streamgen.agent.api;

import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.OutputAnnouncements;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.schema.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The API agent: Endpoints, data fetching and the server. */
@ApplicationScoped
public class ApiBehaviour implements RoleBehaviour {

    @Override
    public Role role() {
        return Role.API;
    }

    @Override
    public List<Announcement> announce(String path, String code) {
        List<Announcement> found = new java.util.ArrayList<>(OutputAnnouncements.routes(path, code));
        found.addAll(OutputAnnouncements.exports(path, code, "api:"));
        return found;
    }
}
