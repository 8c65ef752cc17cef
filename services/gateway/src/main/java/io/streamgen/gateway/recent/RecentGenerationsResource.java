package io.streamgen.gateway.recent;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/generations?limit=50&state=running}: running and recent generations, newest
 * first, whoever started them (see {@link RecentGenerations}).
 */
@Path("/api")
public class RecentGenerationsResource {

    static final int DEFAULT_LIMIT = 50;

    @Inject
    RecentGenerations recent;

    @GET
    @Path("/generations")
    @Produces(MediaType.APPLICATION_JSON)
    public List<GenerationSummary> list(@QueryParam("limit") String limit, @QueryParam("state") String state) {
        return recent.list(limit(limit), state(state));
    }

    private int limit(String text) {
        if (text == null || text.isBlank()) {
            return Math.min(DEFAULT_LIMIT, recent.capacity());
        }
        int limit;
        try {
            limit = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > recent.capacity()) {
            throw new IllegalArgumentException("limit is a whole number from 1 to " + recent.capacity() + ", got '" + text + "'");
        }
        return limit;
    }

    private static String state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String state = text.trim().toLowerCase(Locale.ROOT);
        if (!RecentGenerations.STATES.contains(state)) {
            throw new IllegalArgumentException("state is one of " + String.join(", ", RecentGenerations.STATES.stream()
                    .sorted().toList()) + ", got '" + text + "'");
        }
        return state;
    }
}
