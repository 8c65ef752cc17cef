package io.streamgen.agent.testing;

import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.schema.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The TESTING agent: Tests of the logic and the API with node --test. */
@ApplicationScoped
public class TestingBehaviour implements RoleBehaviour {

    @Override
    public Role role() {
        return Role.TESTING;
    }

    @Override
    public List<Announcement> announce(String path, String code) {
        return List.of(); // tests provide nothing other agents call
    }
}
