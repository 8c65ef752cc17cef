package io.streamgen.gateway.preview;

import io.smallrye.common.annotation.Blocking;
import io.streamgen.gateway.api.ProblemException;
import io.streamgen.gateway.api.RequestValidator;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running preview of a generation: {@code GET} its status and URL, {@code POST} to start or
 * restart it from the current files, {@code DELETE} to stop it. The URL is the app's own origin
 * (this host, the app's port), apart from the dashboard's.
 */
@Path("/api/generations/{id}/preview")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PreviewApiResource {

    @Inject
    PreviewRunner runner;

    @Context
    UriInfo uri;

    @GET
    public Map<String, Object> status(@PathParam("id") String id) {
        RequestValidator.checkId(id);
        if (!runner.enabled()) {
            return Map.of("enabled", false, "staticUrl", "/preview/" + id + "/");
        }
        return runner.status(id).map(this::view).orElseGet(() -> Map.of("enabled", true, "state", "NONE",
                "staticUrl", "/preview/" + id + "/"));
    }

    @POST
    public Response start(@PathParam("id") String id) {
        RequestValidator.checkId(id);
        return Response.accepted(view(runner.start(id))).build();
    }

    @DELETE
    public Response stop(@PathParam("id") String id) {
        RequestValidator.checkId(id);
        if (!runner.stop(id)) {
            throw new ProblemException(404, "Not Found", "no preview of " + id + " is running on this gateway");
        }
        return Response.noContent().build();
    }

    private Map<String, Object> view(PreviewApp.Status status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", true);
        view.put("generationId", status.generationId());
        view.put("state", status.state().name());
        view.put("port", status.port());
        view.put("url", "http://" + uri.getBaseUri().getHost() + ":" + status.port() + "/");
        view.put("startedAt", status.startedAt() == null ? null : status.startedAt().toString());
        view.put("starts", status.starts());
        view.put("entry", status.entry());
        view.put("error", status.error());
        view.put("skipped", status.skipped());
        view.put("staticUrl", "/preview/" + status.generationId() + "/");
        return view;
    }
}
