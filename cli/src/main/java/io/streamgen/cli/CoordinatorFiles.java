package io.streamgen.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    public CoordinatorFiles(URI coordinator) {
        this.coordinator = coordinator;
    }

    /** The files of the generation, written under {@code out}; returns their paths. */
    public List<String> writeTo(String generationId, Path out) throws IOException, InterruptedException {
        String listing = get("/generations/" + generationId + "/files");
        List<String> paths = new ArrayList<>();
        Matcher m = PATH.matcher(listing);
        while (m.find()) {
            paths.add(m.group(1));
        }
        Path root = out.toAbsolutePath().normalize();
        for (String path : paths) {
            Path target = root.resolve(path).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("refusing to write outside " + root + ": " + path);
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, get("/generations/" + generationId + "/files/"
                    + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("%2F", "/")));
        }
        return paths;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(coordinator.resolve(path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
