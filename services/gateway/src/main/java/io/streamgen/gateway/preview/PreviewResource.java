package io.streamgen.gateway.preview;

import io.smallrye.common.annotation.Blocking;
import io.streamgen.gateway.api.Coordinator;
import io.streamgen.gateway.api.ProblemException;
import io.streamgen.gateway.api.RequestValidator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The generated app's current files at {@code /preview/{id}/…} for the dashboard's iframe. Every
 * answer carries {@code Content-Security-Policy: sandbox allow-scripts}: the app runs in an opaque
 * origin, with no access to the gateway's cookies or API.
 */
@Path("/preview")
@Blocking
public class PreviewResource {

    static final String CSP = "sandbox allow-scripts allow-forms; default-src 'self' 'unsafe-inline'; connect-src 'none'";

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8", "mjs", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8", "json", "application/json", "svg", "image/svg+xml",
            "txt", "text/plain; charset=UTF-8", "md", "text/plain; charset=UTF-8");

    @Inject
    Coordinator coordinator;

    @GET
    @Path("/{id}")
    public Response root(@PathParam("id") String id) {
        return Response.temporaryRedirect(java.net.URI.create("/preview/" + id + "/")).build();
    }

    @GET
    @Path("/{id}/{path: .*}")
    public Response file(@PathParam("id") String id, @PathParam("path") String path) {
        RequestValidator.checkId(id);
        String wanted = path.isEmpty() || path.endsWith("/") ? path + "index.html" : path;
        for (String candidate : List.of(wanted, "public/" + wanted)) {
            try {
                String content = coordinator.file(id, candidate);
                return Response.ok(content, type(candidate)).header("Content-Security-Policy", CSP)
                        .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store").build();
            } catch (ProblemException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        throw new ProblemException(404, "Not Found", "generation " + id + " has no file " + wanted + " yet");
    }

    private static String type(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "text/plain; charset=UTF-8" : TYPES.getOrDefault(path.substring(dot + 1), "text/plain; charset=UTF-8");
    }
}
