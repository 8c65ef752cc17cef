package io.streamgen.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.streamgen.schema.path.GeneratedPath;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/** A generation's state, files and checkpoints, from the coordinator's interactive queries. */
@Path("/api")
@Blocking
public class StateResource {

    /** How many files archive.zip left out (names the shared path rule refuses, duplicates): the CLI says so. */
    public static final String SKIPPED_HEADER = "Streamgen-Skipped-Files";
    private static final Logger LOG = Logger.getLogger(StateResource.class);

    @Inject
    Coordinator coordinator;

    @Inject
    ObjectMapper mapper;

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

    /** Tokens per role and model, time per phase, cost and counters (docs/events.md generation-analytics). */
    @GET
    @Path("/generations/{id}/analytics")
    @Produces(MediaType.APPLICATION_JSON)
    public String analytics(@PathParam("id") String id) {
        RequestValidator.checkId(id);
        return coordinator.analytics(id);
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

    /**
     * What changed from checkpoint {@code from} to checkpoint {@code to}, file by file as unified
     * diffs (either order: from a later checkpoint to an earlier one shows what a rollback undoes).
     */
    @GET
    @Path("/generations/{id}/checkpoints/{from}/diff/{to}")
    @Produces(MediaType.APPLICATION_JSON)
    public CheckpointDiff.Result compare(@PathParam("id") String id, @PathParam("from") int from,
            @PathParam("to") int to) {
        RequestValidator.checkId(id);
        if (from < 1 || to < 1) {
            throw new ProblemException(400, "Bad Request", "checkpoints are numbered from 1, got " + from + " and " + to);
        }
        return CheckpointDiff.between(id, json(coordinator.checkpoint(id, from)), json(coordinator.checkpoint(id, to)));
    }

    @GET
    @Path("/generations/{id}/archive.zip")
    @Produces("application/zip")
    public Response archive(@PathParam("id") String id) throws IOException {
        RequestValidator.checkId(id);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<FileArchive.Skipped> skipped = FileArchive.write(id, coordinator.paths(id),
                path -> coordinator.file(id, path), bytes);
        skipped.forEach(s -> LOG.warnf("archive of %s: left out %s (%s)", id, GeneratedPath.quote(s.path()), s.reason()));
        return Response.ok(bytes.toByteArray(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id + ".zip\"")
                .header(SKIPPED_HEADER, skipped.size()).build();
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new ProblemException(502, "Bad Gateway", "the coordinator's checkpoint is not JSON");
        }
    }
}
