package io.streamgen.agent.optimization;

import io.streamgen.agent.bus.Announcement;
import io.streamgen.agent.bus.RoleBehaviour;
import io.streamgen.schema.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The OPTIMIZATION agent: REPLACE chunks that improve existing regions. */
@ApplicationScoped
public class OptimizationBehaviour implements RoleBehaviour {

    @Override
    public Role role() {
        return Role.OPTIMIZATION;
    }

    @Override
    public boolean replacesRegions() {
        return true;
    }

    @Override
    public List<Announcement> announce(String path, String code) {
        return List.of(); // it changes regions in place: nothing new to announce
    }
}
