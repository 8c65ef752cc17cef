package io.streamgen.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls the coordinator and turns its failures into problem details (its 404 stays a 404). */
@ApplicationScoped
public class Coordinator {

    @Inject
    @RestClient
    CoordinatorClient client;

    @Inject
    ObjectMapper mapper;

    public String generation(String id) {
        return call(() -> client.generation(id));
    }

    public String files(String id) {
        return call(() -> client.files(id));
    }

    public String file(String id, String path) {
        if (path.isEmpty() || path.contains("..") || path.startsWith("/")) {
            throw new ProblemException(400, "Bad Request", "a file path is relative and has no '..'");
        }
        String encoded = Arrays.stream(path.split("/"))
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
        return call(() -> client.file(id, encoded));
    }

    public String analytics(String id) {
        return call(() -> client.analytics(id));
    }

    public String checkpoints(String id) {
        return call(() -> client.checkpoints(id));
    }

    public String checkpoint(String id, int n) {
        return call(() -> client.checkpoint(id, n));
    }

    /** The paths of a generation's files. */
    public List<String> paths(String id) {
        try {
            List<String> paths = new ArrayList<>();
            for (JsonNode file : mapper.readTree(files(id))) {
                paths.add(file.get("path").asText());
            }
            return paths;
        } catch (java.io.IOException e) {
            throw new ProblemException(502, "Bad Gateway", "the coordinator's file list is not JSON");
        }
    }

    private static String call(Supplier<String> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) { // the gateway's secret, not the caller's credentials
                throw new ProblemException(502, "Bad Gateway", "the coordinator refused the gateway's API secret"
                        + " (STREAMGEN_COORDINATOR_API_SECRET must be the same for both)");
            }
            String detail = status == 404 ? "not found by the coordinator" : "the coordinator answered " + status;
            throw new ProblemException(status == 404 ? 404 : status >= 500 ? 502 : status,
                    status == 404 ? "Not Found" : "Bad Gateway", detail);
        } catch (ProcessingException e) {
            throw new ProblemException(503, "Service Unavailable", "the coordinator cannot be reached: " + e.getMessage());
        }
    }
}
