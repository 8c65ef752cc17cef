package io.streamgen.gateway.api;

import io.smallrye.common.annotation.Blocking;
import io.streamgen.gateway.auth.FrontDoor;
import io.streamgen.gateway.limits.ClientLimits;
import io.streamgen.gateway.publish.GenerationPublisher;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting generations and steering them: everything that produces to requests and control. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class GenerationsResource {

    @Inject
    RequestValidator validator;

    @Inject
    GenerationPublisher publisher;

    @Inject
    ClientLimits limits;

    Clock clock = Clock.systemUTC();

    @POST
    @Path("/generations")
    public Response start(GenerationRequestBody body, SecurityContext security, RoutingContext rc) {
        GenerationRequested request = validator.generation(body, principal(security), clock.instant());
        String client = java.util.Objects.requireNonNullElse(rc.get(FrontDoor.CLIENT), "unknown");
        Optional<String> refusal = limits.generationRefusal(client);
        if (refusal.isPresent()) {
            return Response.fromResponse(Problem.response(429, "Too Many Requests", refusal.get(), "/api/generations", null))
                    .header("Retry-After", "30").build();
        }
        acked(publisher.request(request).toCompletableFuture());
        String id = request.getGenerationId();
        limits.started(client, id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("generationId", id);
        answer.put("streamUrl", "/api/generations/" + id + "/events");
        answer.put("webSocketUrl", "/stream");
        answer.put("statusUrl", "/api/generations/" + id);
        return Response.accepted(answer).location(URI.create("/api/generations/" + id)).build();
    }

    @POST
    @Path("/generations/{id}/interventions")
    public Response intervene(@PathParam("id") String id, InterventionBody body, SecurityContext security) {
        RequestValidator.checkId(id);
        return send(validator.intervention(id, body, principal(security), clock.instant()));
    }

    /** Body {@code {"checkpointId": n, "text": "optional steering for the re-run"}}. */
    @POST
    @Path("/generations/{id}/rollback")
    public Response rollback(@PathParam("id") String id, InterventionBody body, SecurityContext security) {
        RequestValidator.checkId(id);
        InterventionBody rollback = new InterventionBody("ROLLBACK", null, body == null ? null : body.text(), null, null,
                body == null ? null : body.checkpointId());
        return send(validator.intervention(id, rollback, principal(security), clock.instant()));
    }

    private Response send(Intervention intervention) {
        acked(publisher.intervene(intervention).toCompletableFuture());
        return Response.accepted(Map.of("interventionId", intervention.getInterventionId(),
                "generationId", intervention.getGenerationId(), "action", intervention.getAction().name())).build();
    }

    static String principal(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }

    private static void acked(java.util.concurrent.CompletableFuture<Void> sent) {
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(503, "Service Unavailable", "Kafka did not take the record: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "interrupted");
        }
    }
}
