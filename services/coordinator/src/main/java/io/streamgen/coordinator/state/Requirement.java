package io.streamgen.coordinator.state;

import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Something an agent needs (e.g. {@code api:fetchData}) and whether some agent PROVIDED it. */
public class Requirement {
    public String name;
    public Set<Role> requiredBy = new LinkedHashSet<>();
    public Phase since;
    public boolean provided;
    public Role providedBy;
    public String signature;

    public Requirement() {
    }

    public Requirement(String name, Phase since) {
        this.name = name;
        this.since = since;
    }

    /** The role its prefix names: {@code api:} → API, {@code logic:} → LOGIC, {@code ui:} → UI. */
    public static Optional<Role> owner(String name) {
        int colon = name.indexOf(':');
        String prefix = colon < 0 ? "" : name.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (prefix) {
            case "api" -> Optional.of(Role.API);
            case "logic" -> Optional.of(Role.LOGIC);
            case "ui" -> Optional.of(Role.UI);
            default -> Optional.empty();
        };
    }
}
