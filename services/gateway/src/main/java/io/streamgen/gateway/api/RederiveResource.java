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
 * from {@code streamgen.chunks}), so no model is called. With {@code fromCheckpoint: n} the new
 * generation starts with the source's checkpoint n (checked here against the coordinator's
 * checkpoint list) and runs only the phases a rollback to n would run again.
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

    @Inject
    Coordinator coordinator;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

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
        if (body != null && body.fromCheckpoint() != null) {
            checkCheckpoint(id, body.fromCheckpoint());
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
        if (request.getDerivedFrom().getFromCheckpoint() != null) {
            answer.put("fromCheckpoint", request.getDerivedFrom().getFromCheckpoint());
        }
        answer.put("streamUrl", "/api/generations/" + newId + "/events");
        answer.put("statusUrl", "/api/generations/" + newId);
        return Response.accepted(answer).location(URI.create("/api/generations/" + newId)).build();
    }

    /**
     * The source's checkpoint {@code n} exists on the coordinator (its interactive query of the
     * checkpoints, which the new generation's seed reads too): a 404 when the coordinator does not
     * hold the source, a 400 naming the checkpoints it has when {@code n} is not one of them.
     */
    void checkCheckpoint(String id, int n) {
        String answer;
        try {
            answer = coordinator.checkpoints(id);
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw new ProblemException(404, "Not Found", "the coordinator holds no state of generation " + id
                        + ", so it has no checkpoint to re-derive from");
            }
            throw e;
        }
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode checkpoint : mapper.readTree(answer)) {
                ids.add(checkpoint.path("checkpointId").asInt());
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new ProblemException(502, "Bad Gateway", "the coordinator's checkpoint list is not JSON");
        }
        if (!ids.contains(n)) {
            throw new ProblemException(400, "Bad Request", "the re-derivation is invalid", java.util.List.of(
                    new Problem.FieldError("fromCheckpoint", "generation " + id + " has no checkpoint " + n + " ("
                            + (ids.isEmpty() ? "it has none" : "it has " + ids) + ")")));
        }
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
