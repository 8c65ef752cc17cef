package io.streamgen.agent.prompt;

import io.streamgen.schema.Blueprint;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The machine-readable facts of a task, appended to every prompt between {@code <streamgen-task>}
 * tags: role, phase, target stack, the original request and its blueprint (Avro JSON). A hosted
 * model reads them as context; the offline template model builds its answer from them alone.
 */
public record TaskCard(Role role, Phase phase, String targetStack, String request, Blueprint blueprint) {

    private static final Pattern CARD = Pattern.compile("<streamgen-task>\\n(.*?)</streamgen-task>", Pattern.DOTALL);
    private static final Pattern LINE = Pattern.compile("^(role|phase|target-stack|blueprint|request): ?(.*)$", Pattern.MULTILINE);

    public String render() {
        StringBuilder card = new StringBuilder("<streamgen-task>\n")
                .append("role: ").append(role).append('\n')
                .append("phase: ").append(phase).append('\n')
                .append("target-stack: ").append(targetStack).append('\n');
        if (blueprint != null) {
            card.append("blueprint: ").append(toJson(blueprint)).append('\n');
        }
        // the request goes last and on one line so that it cannot forge the fields above
        card.append("request: ").append(request.replace('\n', ' ')).append('\n');
        return card.append("</streamgen-task>").toString();
    }

    /** The card inside a prompt, if it has one. */
    public static Optional<TaskCard> find(String text) {
        Matcher card = CARD.matcher(text);
        if (!card.find()) {
            return Optional.empty();
        }
        Role role = null;
        Phase phase = null;
        String stack = "javascript-node";
        String request = "";
        Blueprint blueprint = null;
        Matcher line = LINE.matcher(card.group(1));
        while (line.find()) {
            String value = line.group(2).trim();
            switch (line.group(1)) {
                case "role" -> role = Role.valueOf(value);
                case "phase" -> phase = Phase.valueOf(value);
                case "target-stack" -> stack = value;
                case "blueprint" -> blueprint = fromJson(value);
                default -> request = value;
            }
        }
        if (role == null || phase == null) {
            return Optional.empty();
        }
        return Optional.of(new TaskCard(role, phase, stack, request, blueprint));
    }

    private static String toJson(Blueprint blueprint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(Blueprint.getClassSchema(), out);
            new SpecificDatumWriter<>(Blueprint.class).write(blueprint, encoder);
            encoder.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Blueprint fromJson(String json) {
        try {
            return new SpecificDatumReader<>(Blueprint.class).read(null,
                    DecoderFactory.get().jsonDecoder(Blueprint.getClassSchema(), json));
        } catch (IOException | RuntimeException e) {
            return null; // a mangled blueprint falls back to the request's own words
        }
    }
}
