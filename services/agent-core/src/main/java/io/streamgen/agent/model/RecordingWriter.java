package io.streamgen.agent.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Appends one stream's lines to its recording file as they happen (each line is on disk before the
 * agent sees the token, so a crash loses nothing written so far). It never throws: a recording
 * that cannot be written is logged once and dropped, and the stream goes on.
 */
final class RecordingWriter {

    private static final Logger LOG = Logger.getLogger(RecordingWriter.class);

    private final Path file;
    private final long startNanos = System.nanoTime();
    private boolean broken;
    private boolean ended;

    private RecordingWriter(Path file) {
        this.file = file;
        this.broken = file == null;
    }

    /** A new file {@code <dir>/<baseName>-<n>.jsonl} with the first free {@code n} (1, 2, … per retry or continuation). */
    static RecordingWriter create(Path dir, String baseName) {
        try {
            Files.createDirectories(dir);
            for (int n = 1; ; n++) {
                Path candidate = dir.resolve(baseName + "-" + n + ".jsonl");
                try {
                    // CREATE_NEW makes the pick atomic when two instances record the same task
                    return new RecordingWriter(Files.createFile(candidate));
                } catch (FileAlreadyExistsException taken) {
                    // the next number
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot create a recording under %s: %s; the stream is not recorded", dir, e.toString());
            return new RecordingWriter(null);
        }
    }

    Path file() {
        return file;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    void header(String provider, String model, List<RecordedMessage> messages) {
        write(new RecordingFormat.Header(RecordingFormat.VERSION, Instant.now().toString(), provider, model, messages));
    }

    void token(String text) {
        if (text != null && !text.isEmpty()) {
            write(new RecordingFormat.Token(elapsedMillis(), text));
        }
    }

    void complete(String finishReason) {
        end(RecordingFormat.End.complete(elapsedMillis(), finishReason));
    }

    void error(Throwable error) {
        end(RecordedErrors.describe(elapsedMillis(), error));
    }

    void cancelled() {
        end(RecordingFormat.End.cancelled(elapsedMillis()));
    }

    private synchronized void end(RecordingFormat.End end) {
        if (!ended) {
            write(end);
            ended = true;
        }
    }

    /** Tokens a provider still delivers after the end (a cancelled stream winding down) are not the recording's. */
    private synchronized void write(Object line) {
        if (broken || ended) {
            return;
        }
        try {
            byte[] json = (RecordingFormat.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, json, StandardOpenOption.APPEND);
        } catch (JsonProcessingException e) {
            LOG.warnf("cannot encode a line of recording %s: %s; the line is skipped", file, e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            broken = true;
            LOG.warnf("recording %s stopped: %s; the stream goes on unrecorded", file, e.toString());
        }
    }
}
