package io.streamgen.agent.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamgen.agent.prompt.TaskCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One recorded stream, read back from its file: the request it answered, its tokens with their offsets, its end. */
public record Recording(Path file, Instant at, String provider, String model, List<RecordedMessage> messages,
                        List<RecordingFormat.Token> tokens, Optional<RecordingFormat.End> end) {

    /**
     * Reads a recording. A line that is not JSON (the last one of a stream whose agent died while
     * writing it) is skipped; a file without a header is not a recording.
     */
    public static Recording read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + file, e);
        }
        RecordingFormat.Header header = null;
        List<RecordingFormat.Token> tokens = new ArrayList<>();
        RecordingFormat.End end = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = RecordingFormat.JSON.readTree(line);
            } catch (JsonProcessingException e) {
                continue;
            }
            try {
                if (node.has("messages")) {
                    header = RecordingFormat.JSON.treeToValue(node, RecordingFormat.Header.class);
                } else if (node.has("end")) {
                    end = RecordingFormat.JSON.treeToValue(node, RecordingFormat.End.class);
                } else if (node.has("text")) {
                    tokens.add(RecordingFormat.JSON.treeToValue(node, RecordingFormat.Token.class));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("recording " + file + " has a line it cannot read: " + e.getOriginalMessage(), e);
            }
        }
        if (header == null) {
            throw new IllegalArgumentException(file + " is not a recording (no header line with the request's messages)");
        }
        return new Recording(file, instant(header.at()), header.provider(), header.model(),
                List.copyOf(header.messages()), List.copyOf(tokens), Optional.ofNullable(end));
    }

    /** The task card of the request (the last one, as the template model reads it). */
    public Optional<TaskCard> card() {
        return cardOf(messages);
    }

    public String lastUserMessage() {
        return lastUserMessage(messages);
    }

    /** Everything the recorded model streamed. */
    public String text() {
        StringBuilder text = new StringBuilder();
        tokens.forEach(token -> text.append(token.text()));
        return text.toString();
    }

    private static Instant instant(String at) {
        try {
            return at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    static Optional<TaskCard> cardOf(List<RecordedMessage> messages) {
        return messages.stream().map(RecordedMessage::text).map(TaskCard::find).flatMap(Optional::stream)
                .reduce((a, b) -> b);
    }

    static String lastUserMessage(List<RecordedMessage> messages) {
        return messages.stream().filter(RecordedMessage::isUser).map(RecordedMessage::text).reduce((a, b) -> b).orElse("");
    }
}
