package io.streamgen.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code allowedModels} and
 * {@code providers} are extension members of a refused model choice (what the operator allows).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      List<String> allowedModels, List<String> providers) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null, null);
    }

    /** One invalid field of a request body. */
    public record FieldError(String field, String message) {
    }

    public static Response response(int status, String title, String detail, String instance, List<FieldError> errors) {
        return response(new Problem("about:blank", title, status, detail, instance, errors));
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(MediaType.valueOf(MEDIA_TYPE)).entity(problem).build();
    }
}
