package io.streamgen.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of an SSE response exactly as they came, read on a thread of its own until the stream
 * ends or the reader is closed: for assertions on the framing itself, which a parsing client hides.
 */
public final class RawSseStream implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile InputStream body;
    private volatile int status;
    private volatile boolean ended;

    private RawSseStream(URI uri) {
        thread = new Thread(() -> read(uri), "raw-sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public static RawSseStream open(String url) {
        return new RawSseStream(URI.create(url));
    }

    public int status() {
        return status;
    }

    public boolean ended() {
        return ended;
    }

    /** Everything received so far, decoded as UTF-8 (the only encoding of text/event-stream). */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines received so far (split at LF; a CR is kept, so a test sees it). */
    public List<String> lines() {
        return Arrays.asList(text().split("\n", -1));
    }

    private void read(URI uri) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            byte[] buffer = new byte[8192];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                }
            }
        } catch (Exception e) {
            // closed by the test, or the stream failed: either way it has ended
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (Exception e) {
            // already closed
        }
        thread.interrupt();
    }
}
