package io.streamgen.gateway.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A generation's state, files and checkpoints, from the coordinator's interactive queries. */
@Path("/api")
@Blocking
public class StateResource {

    @Inject
    Coordinator coordinator;

    @GET
    @Path("/generations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public String state(@PathParam("id") String id) {
        RequestValidator.checkId(id);
        return coordinator.generation(id);
    }

    @GET
    @Path("/generations/{id}/files")
    @Produces(MediaType.APPLICATION_JSON)
    public String files(@PathParam("id") String id) {
        RequestValidator.checkId(id);
        return coordinator.files(id);
    }

    @GET
    @Path("/generations/{id}/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String file(@PathParam("id") String id, @PathParam("path") String path) {
        RequestValidator.checkId(id);
        return coordinator.file(id, path);
    }

    @GET
    @Path("/generations/{id}/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    public String checkpoints(@PathParam("id") String id) {
        RequestValidator.checkId(id);
        return coordinator.checkpoints(id);
    }

    @GET
    @Path("/generations/{id}/checkpoints/{n}")
    @Produces(MediaType.APPLICATION_JSON)
    public String checkpoint(@PathParam("id") String id, @PathParam("n") int n) {
        RequestValidator.checkId(id);
        return coordinator.checkpoint(id, n);
    }

    @GET
    @Path("/generations/{id}/archive.zip")
    @Produces("application/zip")
    public Response archive(@PathParam("id") String id) throws IOException {
        RequestValidator.checkId(id);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String path : coordinator.paths(id)) {
                zip.putNextEntry(new ZipEntry(id + "/" + path));
                zip.write(coordinator.file(id, path).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return Response.ok(bytes.toByteArray(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id + ".zip\"").build();
    }
}
