package io.streamgen.coordinator.engine;

import io.streamgen.schema.Flags;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which phases a generation runs and which roles work in each, in dependency order. */
public final class PhasePlan {

    /** API first (contracts), then LOGIC (state and rules), then UI (which uses both). */
    static final List<Role> BUILDERS = List.of(Role.API, Role.LOGIC, Role.UI);

    private PhasePlan() {
    }

    public static List<Phase> phases(Flags flags) {
        List<Phase> phases = new ArrayList<>(List.of(Phase.SKELETON, Phase.FEATURES));
        if (flags.getOptimize()) {
            phases.add(Phase.OPTIMIZE);
        }
        if (flags.getTest()) {
            phases.add(Phase.TEST);
        }
        return phases;
    }

    public static List<Role> roles(Phase phase, Flags flags) {
        return switch (phase) {
            case SKELETON -> BUILDERS;
            case FEATURES -> flags.getTest() ? append(BUILDERS, Role.TESTING) : BUILDERS;
            case OPTIMIZE -> List.of(Role.OPTIMIZATION);
            case TEST -> List.of(Role.TESTING);
        };
    }

    /** Optimisation improves what exists: when it fails, the phase is skipped instead of the generation. */
    public static boolean optional(Role role) {
        return role == Role.OPTIMIZATION;
    }

    /** The testing agent writes tests alongside FEATURES even when roles otherwise take turns. */
    public static boolean alongside(Phase phase, Role role) {
        return phase == Phase.FEATURES && role == Role.TESTING;
    }

    public static String taskId(Phase phase, Role role) {
        return lower(phase) + "-" + lower(role);
    }

    public static String providerTaskId(Phase phase, Role role) {
        return taskId(phase, role) + "-provide";
    }

    public static String instructions(Phase phase, Role role) {
        String what = switch (role) {
            case API -> "the endpoints, data fetching and server";
            case LOGIC -> "the state management and business rules";
            case UI -> "the components, markup and styles";
            case OPTIMIZATION -> "REPLACE chunks that improve the existing regions without changing behaviour";
            case TESTING -> "tests for the contracts and signatures published so far";
        };
        return switch (phase) {
            case SKELETON -> "Write the skeleton of " + what + ": files, regions and signatures, no feature logic yet.";
            case FEATURES -> "Implement the features in " + what + ".";
            case OPTIMIZE -> "Optimise the merged files: " + what + ".";
            case TEST -> "Write and complete " + what + ".";
        };
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static List<Role> append(List<Role> roles, Role role) {
        List<Role> all = new ArrayList<>(roles);
        all.add(role);
        return List.copyOf(all);
    }
}
