package io.streamgen.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamgen.gateway.stream.NotFoundException;
import io.streamgen.gateway.stream.StreamEndedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as an RFC 9457 problem detail. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problem.response(e.status(), e.title(), e.getMessage(), uri.getPath(), e.errors());
    }

    @ServerExceptionMapper
    public Response modelNotAllowed(ModelNotAllowedException e, UriInfo uri) {
        return Problem.response(e.problem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e, UriInfo uri) {
        return Problem.response(400, "Bad Request", e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        return Problem.response(400, "Bad Request", "the body is not valid JSON for this request: "
                + e.getOriginalMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return Problem.response(404, "Not Found", e.getMessage(), uri.getPath(), null);
    }

    /** A client resuming after the last event: 204 tells an EventSource not to reconnect. */
    @ServerExceptionMapper
    public Response ended(StreamEndedException e) {
        return Response.noContent().build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original;
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        return Problem.response(status, original.getStatusInfo().getReasonPhrase(), e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response unreachable(jakarta.ws.rs.ProcessingException e, UriInfo uri) {
        return Problem.response(503, "Service Unavailable", e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response unavailable(IllegalStateException e, UriInfo uri) {
        LOG.warnf("request %s failed: %s", uri.getPath(), e.getMessage());
        return Problem.response(503, "Service Unavailable", e.getMessage(), uri.getPath(), null);
    }
}
