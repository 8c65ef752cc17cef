package io.streamgen.coordinator.query;

import io.streamgen.coordinator.config.CoordinatorProperties;
import io.streamgen.coordinator.engine.AnalyticsReport;
import io.streamgen.coordinator.engine.Prices;
import io.streamgen.schema.json.AvroMaps;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Interactive queries over the coordinator's state stores (DESIGN §5): a generation's state, its
 * files and checkpoints. A generation owned by another instance is fetched from that instance.
 * Unknown ids and paths answer 404 problem details (RFC 9457). Only callers with the API secret get
 * here ({@link ApiSecretFilter}).
 */
@RestController
@RequestMapping("/generations/{id}")
public class GenerationQueryController {

    private final GenerationStores stores;
    private final OwnerLocator owners;
    private final RestClient http;
    private final Prices prices;

    public GenerationQueryController(GenerationStores stores, OwnerLocator owners, ApiSecretFilter secret,
            CoordinatorProperties properties) {
        this.stores = stores;
        this.owners = owners;
        this.prices = properties.priceTable();
        // a relay to the owning instance carries the API secret the owner checks, as the gateway's call did
        RestClient.Builder builder = RestClient.builder();
        secret.authorization().ifPresent(value -> builder.defaultHeader("Authorization", value));
        this.http = builder.build();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> generation(@PathVariable String id) {
        return local(id, () -> ResponseEntity.ok(Views.GenerationView.of(
                stores.generation(id).orElseThrow(() -> notFound("no generation " + id)))));
    }

    @GetMapping(path = "/files", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> files(@PathVariable String id) {
        return local(id, () -> {
            stores.generation(id).orElseThrow(() -> notFound("no generation " + id));
            return ResponseEntity.ok(Views.FileView.of(stores.files(id)));
        });
    }

    /** The file's content as text; the path may contain slashes. */
    @GetMapping(path = "/files/{*path}")
    public ResponseEntity<?> file(@PathVariable String id, @PathVariable String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return local(id, () -> {
            stores.generation(id).orElseThrow(() -> notFound("no generation " + id));
            var file = stores.file(id, relative)
                    .orElseThrow(() -> notFound("generation " + id + " has no file " + relative));
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .eTag(Views.FileView.of(file).sha256()).body(file.content());
        });
    }

    /**
     * The generation's analytics, as its {@code generation-analytics} event's payload: the figures
     * the event carried once it ended, and so far while it runs.
     */
    @GetMapping(path = "/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> analytics(@PathVariable String id) {
        return local(id, () -> {
            var state = stores.generation(id).orElseThrow(() -> notFound("no generation " + id));
            return ResponseEntity.ok(AvroMaps.of(AnalyticsReport.of(state, prices, System.currentTimeMillis())));
        });
    }

    @GetMapping(path = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> checkpoints(@PathVariable String id) {
        return local(id, () -> {
            stores.generation(id).orElseThrow(() -> notFound("no generation " + id));
            List<Views.CheckpointSummary> summaries = stores.checkpoints(id).stream()
                    .map(c -> Views.CheckpointSummary.of(c, stores.manifest(id, c.getCheckpointId()))).toList();
            return ResponseEntity.ok(summaries);
        });
    }

    @GetMapping(path = "/checkpoints/{checkpointId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> checkpoint(@PathVariable String id, @PathVariable int checkpointId) {
        return local(id, () -> {
            var checkpoint = stores.checkpoint(id, checkpointId)
                    .orElseThrow(() -> notFound("generation " + id + " has no checkpoint " + checkpointId));
            return ResponseEntity.ok(Views.CheckpointView.of(checkpoint, stores.manifest(id, checkpointId),
                    sha -> stores.blob(sha).orElse(null)));
        });
    }

    /** The response header naming the instance ({@code application.server}) whose stores answered. */
    public static final String SERVED_BY = "Streamgen-Served-By";

    /**
     * Answers from the local stores, or relays the owning instance's answer. Either way the answer
     * names the instance whose stores it came from ({@link #SERVED_BY}), for operators and tests.
     */
    private ResponseEntity<?> local(String id, Supplier<ResponseEntity<?>> answer) {
        Optional<HostInfo> owner = owners.remoteOwner(id);
        if (owner.isEmpty()) {
            ResponseEntity<?> here = answer.get();
            return ResponseEntity.status(here.getStatusCode()).headers(here.getHeaders())
                    .header(SERVED_BY, owners.self()).body(here.getBody());
        }
        URI here = ServletUriComponentsBuilder.fromCurrentRequest().build().toUri();
        URI there = URI.create("http://" + owner.get().host() + ":" + owner.get().port() + here.getRawPath()
                + (here.getRawQuery() == null ? "" : "?" + here.getRawQuery()));
        try {
            return http.get().uri(there).retrieve().toEntity(byte[].class);
        } catch (RestClientResponseException e) {
            return ResponseEntity.status(e.getStatusCode()).headers(e.getResponseHeaders())
                    .body(e.getResponseBodyAsByteArray());
        }
    }

    private static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
    }
}
