package io.streamgen.gateway.api;

import io.smallrye.common.annotation.Blocking;
import io.streamgen.gateway.auth.FrontDoor;
import io.streamgen.gateway.config.GatewayConfig;
import io.streamgen.gateway.hub.EventHub;
import io.streamgen.gateway.hub.GenerationStarts;
import io.streamgen.gateway.hub.HistoryReaders;
import io.streamgen.gateway.limits.ClientLimits;
import io.streamgen.gateway.publish.GenerationPublisher;
import io.streamgen.schema.GenerationRequested;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/generations/{id}/rederive}: "what would three-way have made of it?" A finished
 * generation's recorded chunks, run again through the coordinator as a new generation with
 * another merge strategy; the agents answer each task with the source task's chunks (read back
 * from {@code streamgen.chunks}), so no model is called.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class RederiveResource {

    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    @Inject
    RequestValidator validator;

    @Inject
    GenerationPublisher publisher;

    @Inject
    ClientLimits limits;

    @Inject
    EventHub hub;

    @Inject
    HistoryReaders history;

    @Inject
    GenerationStarts starts;

    @Inject
    GatewayConfig config;

    Clock clock = Clock.systemUTC();

    @POST
    @Path("/generations/{id}/rederive")
    public Response rederive(@PathParam("id") String id, RederiveBody body, SecurityContext security, RoutingContext rc) {
        RequestValidator.checkId(id);
        RequestValidator.checkRederivation(id, body);
        // before any read: finding the source reads the events topic (its whole replay window for an id
        // that names no time) on the readers that also serve every client's catch-up
        String client = java.util.Objects.requireNonNullElse(rc.get(FrontDoor.CLIENT), "unknown");
        Optional<String> refusal = limits.generationRefusal(client);
        if (refusal.isPresent()) {
            return Response.fromResponse(Problem.response(429, "Too Many Requests", refusal.get(),
                    "/api/generations/" + id + "/rederive", null)).header("Retry-After", "30").build();
        }
        int partition = hub.partitionOf(id);
        long from = await(history.offsetAt(partition, starts.startOf(id, clock.millis()) - config.startSlack().toMillis()));
        HistoryReaders.Outline source = await(history.outline(partition, from, id)).orElseThrow(() -> new ProblemException(
                404, "Not Found", "no generation " + id + " in the events topic's replay window"));
        if (!source.ended()) {
            throw new ProblemException(409, "Conflict", "generation " + id + " is still running: re-derive it once it ended");
        }
        GenerationRequested request = validator.rederivation(id, source.started(), body,
                GenerationsResource.principal(security), clock.instant());
        await(publisher.request(request).toCompletableFuture());
        String newId = request.getGenerationId();
        limits.started(client, newId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("generationId", newId);
        answer.put("derivedFrom", id);
        answer.put("mergeStrategy", request.getMergeStrategy().name().toLowerCase().replace('_', '-'));
        answer.put("streamUrl", "/api/generations/" + newId + "/events");
        answer.put("statusUrl", "/api/generations/" + newId);
        return Response.accepted(answer).location(URI.create("/api/generations/" + newId)).build();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(READ_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(503, "Service Unavailable", "Kafka did not answer in time: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "interrupted");
        }
    }
}
