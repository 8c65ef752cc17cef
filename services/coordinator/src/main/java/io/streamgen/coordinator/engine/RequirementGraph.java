package io.streamgen.coordinator.engine;

import io.streamgen.coordinator.state.Requirement;
import io.streamgen.schema.Role;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which role waits on which for requirements nobody provided yet; finds a cycle among them. */
final class RequirementGraph {

    private record Edge(Role to, String requirement) {
    }

    private final Map<Role, List<Edge>> edges = new EnumMap<>(Role.class);

    static RequirementGraph of(List<Requirement> unprovided) {
        RequirementGraph graph = new RequirementGraph();
        for (Requirement requirement : unprovided) {
            Requirement.owner(requirement.name).ifPresent(owner -> requirement.requiredBy.stream()
                    .filter(role -> role != owner)
                    .forEach(role -> graph.edges.computeIfAbsent(role, r -> new java.util.ArrayList<>())
                            .add(new Edge(owner, requirement.name))));
        }
        return graph;
    }

    /** A readable cycle such as {@code UI needs api:x, API needs ui:y}, if there is one. */
    Optional<String> cycle() {
        Set<Role> done = EnumSet.noneOf(Role.class);
        for (Role start : edges.keySet()) {
            Optional<String> found = visit(start, new ArrayDeque<>(), EnumSet.noneOf(Role.class), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<String> visit(Role role, Deque<String> path, Set<Role> onPath, Set<Role> done) {
        if (done.contains(role)) {
            return Optional.empty();
        }
        onPath.add(role);
        for (Edge edge : edges.getOrDefault(role, List.of())) {
            path.addLast(role + " needs " + edge.requirement());
            if (onPath.contains(edge.to())) {
                return Optional.of(String.join(", ", path));
            }
            Optional<String> found = visit(edge.to(), path, onPath, done);
            if (found.isPresent()) {
                return found;
            }
            path.removeLast();
        }
        onPath.remove(role);
        done.add(role);
        return Optional.empty();
    }
}
