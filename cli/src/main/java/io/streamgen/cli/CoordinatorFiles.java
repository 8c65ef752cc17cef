package io.streamgen.cli;

import io.streamgen.schema.path.GeneratedPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes a generation's merged files, as the coordinator's interactive queries serve them, to a directory. */
public final class CoordinatorFiles {

    private static final Pattern PATH = Pattern.compile("\"path\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI coordinator;

    private final PrintStream notices;
    private final String secret;

    /** Without a secret: for a coordinator whose query API has none (STREAMGEN_COORDINATOR_API_SECRET unset). */
    public CoordinatorFiles(URI coordinator) {
        this(coordinator, null, System.err);
    }

    /** {@code notices}: where skipped files are said. */
    public CoordinatorFiles(URI coordinator, PrintStream notices) {
        this(coordinator, null, notices);
    }

    /** {@code secret}: the coordinator's API secret (null or empty: none), sent as {@code Authorization: Bearer}. */
    public CoordinatorFiles(URI coordinator, String secret, PrintStream notices) {
        this.coordinator = coordinator;
        this.secret = secret == null || secret.isBlank() ? null : secret;
        this.notices = notices;
    }

    /** The files of the generation, written under {@code out}; returns their paths (a refused name is skipped and said). */
    public List<String> writeTo(String generationId, Path out) throws IOException, InterruptedException {
        String listing = get("/generations/" + generationId + "/files");
        List<String> paths = new ArrayList<>();
        Matcher m = PATH.matcher(listing);
        while (m.find()) {
            paths.add(m.group(1));
        }
        OutputFolder folder = new OutputFolder(out, notices);
        for (String path : paths) {
            String content;
            try {
                content = get("/generations/" + generationId + "/files/"
                        + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("%2F", "/"));
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException down) {
                throw down; // the coordinator is gone: not a matter of one name
            } catch (IOException unreadable) {
                notices.println("skipped the file " + GeneratedPath.quote(path) + ": " + unreadable.getMessage());
                continue;
            }
            folder.write(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        }
        return folder.written();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(coordinator.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String hint = response.statusCode() == 401 ? " (the coordinator wants its API secret:"
                    + " STREAMGEN_COORDINATOR_API_SECRET, or --coordinator-secret)" : "";
            throw new IOException("GET " + path + " answered " + response.statusCode() + hint + ": " + response.body());
        }
        return response.body();
    }
}
