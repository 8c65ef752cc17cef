package io.streamgen.gateway.stream;

import io.streamgen.gateway.hub.HubRecord;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.json.EventJson;
import io.streamgen.schema.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ?types=} and {@code ?roles=}: comma-separated event types ({@code file-changed} or
 * {@code FileChanged}) and roles ({@code ui}, {@code LOGIC}). The end of a generation always passes,
 * and an event that concerns no role passes a role filter.
 */
public record EventFilter(Set<String> types, Set<String> roles) {

    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of());

    /** Every payload of the GenerationEvent union, named as the streams name them: a new event type is known at once. */
    private static final Set<String> KNOWN_TYPES = GenerationEvent.getClassSchema().getField("payload").schema()
            .getTypes().stream().map(schema -> kebab(schema.getName())).collect(Collectors.toUnmodifiableSet());

    /** Parses both lists; throws IllegalArgumentException naming an unknown type or role. */
    public static EventFilter parse(String types, String roles) {
        Set<String> typeSet = split(types).stream().map(EventFilter::kebab).collect(Collectors.toSet());
        for (String type : typeSet) {
            if (!KNOWN_TYPES.contains(type)) {
                throw new IllegalArgumentException("unknown event type '" + type + "'; known: " + KNOWN_TYPES);
            }
        }
        Set<String> roleSet = split(roles).stream().map(r -> r.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String role : roleSet) {
            try {
                Role.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + role + "'; known: " + Arrays.toString(Role.values()));
            }
        }
        return new EventFilter(typeSet, roleSet);
    }

    public boolean accepts(HubRecord record) {
        if (record.terminal()) {
            return true;
        }
        if (!types.isEmpty() && !types.contains(record.type())) {
            return false;
        }
        if (roles.isEmpty()) {
            return true;
        }
        Set<String> concerned = EventJson.rolesOf(record.event().getPayload());
        return concerned.isEmpty() || concerned.stream().anyMatch(roles::contains);
    }

    private static Set<String> split(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static String kebab(String type) {
        if (type.contains("-")) {
            return type.toLowerCase(Locale.ROOT);
        }
        return type.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
