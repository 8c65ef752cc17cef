package io.streamgen.gateway.api;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The coordinator's interactive queries (its {@code query/GenerationQueryController}); answers are
 * relayed as they come. Base URL: {@code quarkus.rest-client.coordinator.url}; each call carries the
 * coordinator's API secret ({@link CoordinatorSecret}).
 */
@RegisterRestClient(configKey = "coordinator")
@RegisterProvider(CoordinatorSecret.class)
@Path("/generations")
public interface CoordinatorClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    String generation(@PathParam("id") String id);

    /** {@code [{path, version, sha256, length, regions: [{name, owner, version, userEdited}]}]}. */
    @GET
    @Path("/{id}/files")
    @Produces(MediaType.APPLICATION_JSON)
    String files(@PathParam("id") String id);

    /** A file's content; {@code path} is already URL-encoded segment by segment. */
    @GET
    @Path("/{id}/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    String file(@PathParam("id") String id, @PathParam("path") @Encoded String path);

    /** The generation's analytics, as its {@code generation-analytics} event's payload (so far while it runs). */
    @GET
    @Path("/{id}/analytics")
    @Produces(MediaType.APPLICATION_JSON)
    String analytics(@PathParam("id") String id);

    @GET
    @Path("/{id}/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    String checkpoints(@PathParam("id") String id);

    @GET
    @Path("/{id}/checkpoints/{n}")
    @Produces(MediaType.APPLICATION_JSON)
    String checkpoint(@PathParam("id") String id, @PathParam("n") int n);
}
